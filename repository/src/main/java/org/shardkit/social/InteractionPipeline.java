package org.shardkit.social;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.shardkit.core.ShardKey;
import org.shardkit.core.batch.BatchWriteException;
import org.shardkit.core.batch.BatchWriter;
import org.shardkit.core.writequeue.WriteSink;

/**
 * A queued interaction's way into the database: its row on the initiator's shard first (where the
 * rules decide, as in outbox mode), then, once that committed, its inbox copy on the recipient's
 * shard. Each stage is a batch writer, so each shard gets one transaction per batch. The copy of an
 * interaction whose row committed is tried again every {@code retryInterval} while its shard fails
 * in a way that may pass: it is never given up while the process lives, and the journal finishes it
 * after a crash. Thread-safe.
 */
final class InteractionPipeline implements WriteSink<Interaction> {
    /**
     * How long copies that follow a flush gather before the inbox stage writes them: a sent batch's
     * copies arrive one by one as its futures complete, and a flush each would write them in batches
     * of a few rows.
     */
    static final Duration COALESCE = Duration.ofMillis(2);

    private final BatchWriter<Interaction> sent;
    private final BatchWriter<Interaction> inbox;
    private final Executor retryLater;
    /** Raised by each flush: copies of interactions submitted before it are written without waiting for age. */
    private final AtomicLong flushes = new AtomicLong();
    /** Copies that follow a flush ask for one flush of the inbox stage per {@link #COALESCE}, not one each. */
    private final AtomicBoolean inboxFlushDue = new AtomicBoolean();

    /** One thread of the pipeline's own for the gathered flushes (the common pool may have none to spare). */
    private final ScheduledExecutorService flushTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shardkit-social-inbox-flush");
        t.setDaemon(true);
        return t;
    });

    InteractionPipeline(BatchWriter<Interaction> sent, BatchWriter<Interaction> inbox, Duration retryInterval) {
        this.sent = sent;
        this.inbox = inbox;
        this.retryLater = CompletableFuture.delayedExecutor(retryInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<?> write(Interaction it) {
        long epoch = flushes.get();
        return sent.write(ShardKey.of(it.initiatorId()), it).thenCompose(committed -> copy(it, epoch));
    }

    /** Asks both stages to write what they hold; copies that follow from it are written at once too. */
    @Override
    public void flush() {
        flushes.incrementAndGet();
        sent.flush();
        inbox.flush();
    }

    private CompletableFuture<Void> copy(Interaction it, long epoch) {
        CompletableFuture<Void> copied;
        try {
            copied = inbox.write(ShardKey.of(it.recipientId()), it);
            if (flushes.get() > epoch && inboxFlushDue.compareAndSet(false, true)) {
                scheduleInboxFlush();
            }
        } catch (RuntimeException e) {
            copied = CompletableFuture.failedFuture(e);
        }
        return copied.handle((ok, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (BatchWriteException.mayPass(failure) && !isClosed(failure)) {
                        return CompletableFuture.runAsync(() -> {}, retryLater).thenCompose(again -> copy(it, epoch));
                    }
                    return CompletableFuture.<Void>failedFuture(failure);
                })
                .thenCompose(f -> f);
    }

    private void scheduleInboxFlush() {
        try {
            flushTimer.schedule(this::flushInbox, COALESCE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            inboxFlushDue.set(false); // closing: the stage's close writes what it holds
        }
    }

    private void flushInbox() {
        inboxFlushDue.set(false);
        try {
            inbox.flush();
        } catch (IllegalStateException closed) {
            // BatchWriter.flush throws it only when the writer is closed, and its close wrote what it held
        }
    }

    /** Stops the flush timer; called after both stages are closed. */
    void close() {
        flushTimer.shutdownNow();
    }

    /** A closed writer will not take the copy again: the journal keeps the interaction for the next start. */
    private static boolean isClosed(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return t instanceof BatchWriteException b && b.reason() == BatchWriteException.Reason.CLOSED
                || t instanceof IllegalStateException;
    }
}
