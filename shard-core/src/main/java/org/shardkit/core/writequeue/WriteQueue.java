package org.shardkit.core.writequeue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.batch.BatchWriteException;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.Journal;
import org.shardkit.core.journal.JournalFullException;
import org.shardkit.core.journal.JournalRecord;
import org.shardkit.core.journal.JournalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of writes in front of a {@link WriteSink}: {@link #submit} returns a future that
 * completes at the {@link Ack} level the caller chose. With a journal, every accepted write is
 * appended to it (group commit: one force for many writes) before it goes to the sink, and trimmed
 * once committed; a queue started over a journal a crash left replays what it holds.
 *
 * <pre>{@code
 * try (WriteQueue<Event> queue = WriteQueue.builder(events::write)     // a WriteSink<Event>
 *         .name("events")
 *         .journal(JournalSettings.builder(Path.of("/var/lib/app/journal")).build(), new EventCodec())
 *         .build()) {                                                 // replays the journal first
 *     queue.submit(event, Ack.JOURNALED).join();                      // durable on local disk
 * }                                                                   // close() drains
 * }</pre>
 *
 * <p>Full: the queue holds {@code capacity} writes from acceptance until their sink commits or fails
 * them, and the journal a bound of bytes; a writer then waits ({@link WriteQueueConfig.WhenFull#BLOCK}, up to {@code
 * blockTimeout}) or is refused at once ({@link WriteQueueConfig.WhenFull#REJECT}) with {@link
 * WriteQueueFullException}. No write is dropped.
 *
 * <p>Failures after the acknowledgement: a {@link Ack#COMMITTED} write's future fails with its
 * sink's failure. A journaled write whose caller already has its answer ({@link Ack#JOURNALED}, or
 * replayed) is handed to the sink again every {@code retryInterval} while the failure may pass (a
 * shard down: {@link BatchWriteException#mayPass}); a failure that will not pass (a rule or the
 * database refused it) is logged, counted ({@code shardkit.writequeue.failed}) and given to the
 * failure listener, and the write leaves the journal.
 *
 * <p>Thread-safe. Futures complete on the journal's or the sink's threads: do not block in
 * dependent stages.
 *
 * @param <T> the write type
 */
public final class WriteQueue<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    /** The longest {@code close} accepted: an hour. */
    static final Duration MAX_CLOSE_TIMEOUT = Duration.ofHours(1);

    private final String name;
    private final WriteSink<T> sink;
    private final WriteQueueConfig config;
    private final @Nullable Journal journal;
    private final @Nullable JournalCodec<T> codec;
    private final BiConsumer<T, Throwable> onFailure;
    private final LongSupplier ticker;
    private final Room room;
    private final Set<QueuedWrite<T>> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retries;
    private final WriteQueueMeters meters;
    /** Set when {@code close} begins: no more submissions. */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when {@code close}'s drain ends: no more retries or replays; what is left stays in the journal. */
    private final AtomicBoolean stopped = new AtomicBoolean();

    private final AtomicLong lastRetryWarning = new AtomicLong(Long.MIN_VALUE);
    private final Object drained = new Object();
    private final @Nullable JournalReplay<T> replay;

    WriteQueue(WriteQueueBuilder<T> b) {
        this.name = b.name;
        this.sink = b.sink;
        this.config = b.config;
        this.codec = b.codec;
        this.onFailure = b.onFailure;
        this.ticker = b.ticker;
        MeterRegistry registry = b.registry != null ? b.registry : new CompositeMeterRegistry();
        this.meters = new WriteQueueMeters(registry, name, this, WriteQueue::depth);
        this.room = new Room(name, config, ticker, meters);
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shardkit-writequeue-" + name + "-retry");
            t.setDaemon(true);
            return t;
        });
        JournalSettings settings = b.journalSettings;
        this.journal = settings == null ? null : Journal.open(settings);
        if (journal != null && codec != null) {
            JournalReplay<T> recovered;
            try {
                WriteQueueMeters.journal(registry, name, journal);
                recovered = JournalReplay.recover(name, journal, codec);
            } catch (RuntimeException e) {
                journal.close(); // release its lock: a later queue over it must be able to start
                retries.shutdownNow();
                throw e;
            }
            this.replay = recovered;
            recovered.start(this::admitReplayed);
        } else {
            this.replay = null;
        }
    }

    /**
     * Returns a builder.
     *
     * @param sink where the writes go
     */
    public static <T> WriteQueueBuilder<T> builder(WriteSink<T> sink) {
        return new WriteQueueBuilder<>(Objects.requireNonNull(sink, "sink"));
    }

    /** Returns the queue's name (its meters' {@code queue} tag and its threads' names). */
    public String name() {
        return name;
    }

    /** Returns what the queue found in its journal when it started. */
    public ReplayReport replayReport() {
        return replay == null ? ReplayReport.none() : replay.report();
    }

    /** Returns the writes accepted and not yet committed or failed (replayed ones included). */
    public int depth() {
        return room.depth();
    }

    /** Tells whether the queue has a journal (and so takes {@link Ack#JOURNALED} writes). */
    public boolean journaled() {
        return journal != null;
    }

    /**
     * Accepts a write.
     *
     * @param write the write
     * @param ack when the returned future completes
     * @return completes when the write is journaled or committed, as asked; fails with the sink's
     *     failure ({@link Ack#COMMITTED}), or with {@link WriteQueueFullException} when the journal
     *     stayed full
     * @throws WriteQueueFullException if the queue stayed full for as long as the policy waits
     * @throws IllegalStateException if {@code ack} is {@link Ack#JOURNALED} and the queue has no
     *     journal, or after {@link #close()}
     * @throws IllegalArgumentException if the codec cannot encode the write
     */
    public CompletableFuture<Void> submit(T write, Ack ack) {
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(ack, "ack");
        checkOpen();
        if (ack == Ack.JOURNALED && journal == null) {
            throw new IllegalStateException("write queue '" + name + "' has no journal: Ack.JOURNALED needs one"
                    + " (WriteQueue.builder(..).journal(..))");
        }
        byte[] bytes = journal == null ? null : encode(write);
        long start = ticker.getAsLong();
        room.take(start);
        CompletableFuture<Void> caller = new CompletableFuture<>();
        QueuedWrite<T> queued = new QueuedWrite<>(write, ack, caller, start);
        inFlight.add(queued);
        if (journal == null || bytes == null) {
            dispatch(queued);
            return caller;
        }
        CompletableFuture<JournalRecord> appended;
        try {
            appended = journal.append(bytes, room.remainingWait(start));
        } catch (JournalFullException full) {
            finish(queued);
            throw room.journalFull(start, full);
        } catch (RuntimeException e) {
            finish(queued);
            throw e;
        }
        appended.whenComplete((record, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                finish(queued);
                caller.completeExceptionally(
                        cause instanceof JournalFullException full ? room.journalFull(start, full) : cause);
                return;
            }
            queued.record = record;
            if (ack == Ack.JOURNALED) {
                meters.acknowledged(ack, ticker.getAsLong() - start);
                caller.complete(null);
            }
            dispatch(queued);
        });
        return caller;
    }

    /**
     * Stops taking writes, asks the sink to write what it holds, and waits up to {@code timeout} for
     * every accepted write to commit. Journaled writes still uncommitted then stay in the journal (the
     * next queue over it replays them); the futures of {@link Ack#COMMITTED} writes still uncommitted
     * fail. Idempotent. Close the sink (e.g. its batch writers) after the queue.
     *
     * @return what was left, and how long closing took
     */
    public QueueDrain close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
        }
        if (timeout.compareTo(MAX_CLOSE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be at most " + MAX_CLOSE_TIMEOUT + ", but was " + timeout);
        }
        long start = ticker.getAsLong();
        if (!closed.compareAndSet(false, true)) {
            return new QueueDrain(0, 0, Duration.ZERO);
        }
        flushAccepted();
        long deadline = start + timeout.toNanos();
        synchronized (drained) {
            long left;
            while ((!inFlight.isEmpty() || (replay != null && replay.waiting() > 0))
                    && (left = deadline - ticker.getAsLong()) > 0) {
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stopped.set(true);
        retries.shutdownNow();
        int leftInJournal = replay == null ? 0 : replay.waiting();
        int undrained = 0;
        for (QueuedWrite<T> w : inFlight) {
            boolean kept = w.record != null;
            if (kept) {
                leftInJournal++;
            } else {
                undrained++;
            }
            if (w.caller != null) {
                w.caller.completeExceptionally(new IllegalStateException("write queue '" + name + "' closed before"
                        + " the write committed"
                        + (kept
                                ? "; it is in the journal and is replayed at the next start"
                                : "; it may or may not be written")));
            }
        }
        if (journal != null) {
            journal.close();
        }
        QueueDrain result = new QueueDrain(leftInJournal, undrained, Duration.ofNanos(ticker.getAsLong() - start));
        if (!result.complete()) {
            LOG.warn(
                    "write queue '{}' closed with writes uncommitted: {} left in the journal, {} undrained",
                    name,
                    leftInJournal,
                    undrained);
        }
        return result;
    }

    /** Asks the sink to write what it holds now, and again once the writes accepted before this call and still
     * being journaled reach it (a flush after a burst covers it); {@link IllegalStateException} after close. */
    public void flush() {
        checkOpen();
        flushAccepted();
    }

    private void flushAccepted() {
        flushSink();
        CompletableFuture<?>[] pending = inFlight.stream()
                .map(w -> w.handedOver)
                .filter(f -> !f.isDone())
                .toArray(CompletableFuture[]::new);
        if (pending.length > 0) {
            CompletableFuture.allOf(pending).whenComplete((ok, failure) -> flushSink());
        }
    }

    private void flushSink() {
        try {
            sink.flush();
        } catch (RuntimeException e) {
            LOG.warn("write queue '{}': its sink failed to flush; its batches are written when due", name, e);
        }
    }

    /** Closes with the configured {@code closeTimeout}, like {@link #close(Duration)}. */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public String toString() {
        return "WriteQueue{" + name + ", depth=" + depth() + "/" + config.capacity() + ", journal=" + (journal != null)
                + ", closed=" + closed.get() + "}";
    }

    private byte[] encode(T write) {
        byte[] bytes = Objects.requireNonNull(codec).encode(write);
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(
                    "journal codec of write queue '" + name + "' encoded " + write + " as no bytes");
        }
        return bytes;
    }

    /** Hands a write to the sink and settles it when the sink answers. */
    private void dispatch(QueuedWrite<T> queued) {
        CompletableFuture<?> written;
        try {
            written = sink.write(queued.write);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        // After the sink took it: a flush waiting for this write then finds it in the sink.
        queued.handedOver.complete(null);
        written.whenComplete((ok, failure) -> settle(queued, failure == null ? null : unwrap(failure)));
    }

    private void settle(QueuedWrite<T> queued, @Nullable Throwable failure) {
        JournalRecord record = queued.record;
        CompletableFuture<Void> caller = queued.caller;
        boolean answered = queued.answered();
        if (failure == null) {
            trim(record);
            finish(queued);
            if (!answered && caller != null) {
                meters.acknowledged(Ack.COMMITTED, ticker.getAsLong() - queued.submittedAt);
                caller.complete(null);
            }
            return;
        }
        if (!BatchWriteException.mayPass(failure) || record == null) {
            // Refused for good (a rule, a bad value), or nothing keeps it (no journal): it is over.
            trim(record);
            meters.failed(queued.ack);
            finish(queued);
            if (!answered && caller != null) {
                caller.completeExceptionally(failure);
            } else {
                refusedAfterAnswer(queued, failure);
            }
            return;
        }
        // Journaled and it may pass: never given up while the process lives.
        if (!answered && caller != null) {
            caller.completeExceptionally(
                    new WriteNotCommittedException(name, config.retryInterval().toMillis(), failure));
        }
        if (stopped.get()) {
            finish(queued); // left in the journal for the next start
            return;
        }
        meters.retried();
        warnRetry(failure);
        try {
            retries.schedule(() -> dispatch(queued), config.retryInterval().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            finish(queued); // closing: left in the journal for the next start
        }
    }

    private void refusedAfterAnswer(QueuedWrite<T> queued, Throwable failure) {
        LOG.warn(
                "write queue '{}': a write acknowledged as journaled was refused when written and leaves the"
                        + " journal: {}",
                name,
                failure.getMessage());
        try {
            onFailure.accept(queued.write, failure);
        } catch (RuntimeException listener) {
            LOG.warn("write queue '{}': the failure listener threw", name, listener);
        }
    }

    private void warnRetry(Throwable failure) {
        long now = ticker.getAsLong();
        long last = lastRetryWarning.get();
        if (now - last >= config.retryInterval().toNanos() && lastRetryWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "write queue '{}': journaled writes failed for a reason that may pass; each is tried again every"
                            + " {} ms ({} writes wait): {}",
                    name,
                    config.retryInterval().toMillis(),
                    depth(),
                    failure.getMessage());
        }
    }

    /** Marks a record done; after the journal closed it does nothing (the record is found at the next open). */
    private void trim(@Nullable JournalRecord record) {
        if (record != null && journal != null) {
            journal.done(record);
        }
    }

    private void finish(QueuedWrite<T> queued) {
        queued.handedOver.complete(null);
        if (inFlight.remove(queued)) {
            room.release();
            if (closed.get()) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    /** Takes a write replayed from the journal once there is room, unless the queue's close ends first. */
    private boolean admitReplayed(JournalRecord record, T write) throws InterruptedException {
        if (!room.takeUnlessClosed(stopped::get)) {
            return false;
        }
        QueuedWrite<T> queued = new QueuedWrite<>(write, Ack.JOURNALED, null, ticker.getAsLong());
        queued.record = record;
        inFlight.add(queued);
        dispatch(queued);
        return true;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("write queue '" + name + "' is closed");
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
