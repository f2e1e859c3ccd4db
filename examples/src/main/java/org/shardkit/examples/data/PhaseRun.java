package org.shardkit.examples.data;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One phase of a load: {@code encoders} threads encode numbered chunks of rows into buffers of their
 * own, one per (table, shard); a full buffer goes to that table's stream on that shard, which one
 * writer thread feeds to its {@code COPY} (a bounded queue in between, so encoding runs ahead of the
 * network by a few buffers and no further). The calling thread reports progress meanwhile. A stream
 * that has copied its rows and built its indexes waits for the phase's other streams; they commit
 * only once all got there, so a failure anywhere (or an interrupt) rolls every stream of the phase
 * back, and the phase's tables never hold half a load (an agent without its handle row, a friendship
 * with one side). Only a commit itself failing can still leave the others committed.
 */
final class PhaseRun {
    /** A buffer is sent once it holds this many bytes. */
    static final int FLUSH_BYTES = 256 * 1024;
    /** Buffers waiting per stream. */
    private static final int QUEUE = 8;
    /** How long an encoder waits on a full queue before it looks again whether the phase failed. */
    private static final Duration SEND_POLL = Duration.ofMillis(100);
    /** How long an interrupted phase waits for its streams to roll back before it gives up on them. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Encodes one chunk of a phase's rows. */
    interface Encoder {
        void encode(int chunk, Output out);
    }

    /** Where an encoder puts a row: the buffer of a (table, shard), then the row's values. */
    interface Output {
        CopyRows to(SeedTable table, int shard);
    }

    private record Batch(byte[] bytes, int length, int rows) {}

    private static final Batch END = new Batch(new byte[0], 0, -1);

    private final SeedTarget target;
    private final SeedPhase phase;
    private final List<SeedTable> tables;
    private final long total;
    private final int chunks;
    private final Encoder encoder;
    private final boolean rebuildIndexes;
    private final LongSupplier ticker;
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<@Nullable SeedException> failure = new AtomicReference<>();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final List<CopyStream> streams = new ArrayList<>();
    private final List<BlockingQueue<Batch>> queues = new ArrayList<>();

    PhaseRun(
            SeedTarget target,
            SeedPhase phase,
            List<SeedTable> tables,
            long total,
            int chunks,
            Encoder encoder,
            boolean rebuildIndexes,
            LongSupplier ticker) {
        this.target = target;
        this.ticker = ticker;
        this.rebuildIndexes = rebuildIndexes;
        this.phase = phase;
        this.tables = List.copyOf(tables);
        this.total = total;
        this.chunks = chunks;
        this.encoder = encoder;
    }

    /**
     * Runs the phase to its end.
     *
     * @return its final progress
     * @throws SeedException if a stream failed (every stream of the phase is rolled back)
     * @throws InterruptedException if the thread was interrupted: the streams are rolled back (waiting
     *     up to {@link #STOP_TIMEOUT} for them) before it is thrown
     */
    PhaseProgress run(int encoders, SeedProgress progress, Duration interval) throws InterruptedException {
        long started = ticker.getAsLong();
        progress.update(new PhaseProgress(phase, 0, total, Duration.ZERO));
        int shards = target.shardCount();
        try {
            for (SeedTable table : tables) {
                for (int shard = 0; shard < shards; shard++) {
                    streams.add(open(table, shard));
                    queues.add(new ArrayBlockingQueue<>(QUEUE));
                }
            }
        } catch (SeedException e) {
            streams.forEach(CopyStream::close);
            throw e;
        }
        CountDownLatch writers = new CountDownLatch(streams.size());
        CountDownLatch completed = new CountDownLatch(streams.size());
        for (int s = 0; s < streams.size(); s++) {
            int index = s;
            start(
                    "shardkit-seed-" + phase.label() + "-"
                            + streams.get(s).table().table() + "-"
                            + streams.get(s).shard(),
                    () -> {
                        try {
                            write(streams.get(index), queues.get(index), completed);
                        } finally {
                            writers.countDown();
                        }
                    });
        }
        CountDownLatch encoding = new CountDownLatch(encoders);
        for (int e = 0; e < encoders; e++) {
            start("shardkit-seed-" + phase.label() + "-encoder-" + e, () -> {
                try {
                    encode();
                } finally {
                    encoding.countDown();
                }
            });
        }
        try {
            await(encoding, started, progress, interval);
            for (BlockingQueue<Batch> q : queues) {
                q.put(END); // a failed writer drains its queue, so this never waits for long
            }
            await(writers, started, progress, interval);
        } catch (InterruptedException e) {
            // Stop: encoders take no more chunks and drop what they hold, writers drop what they get,
            // meet the others and roll back. Wait for them, so nothing is left open behind the caller.
            failure.compareAndSet(null, new SeedException(phase, "-", -1, phase.label() + ": interrupted", e));
            for (BlockingQueue<Batch> q : queues) {
                while (!q.offer(END)) {
                    q.poll();
                }
            }
            try {
                if (!writers.await(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    e.addSuppressed(new IllegalStateException(phase.label() + ": " + writers.getCount()
                            + " streams still open after " + STOP_TIMEOUT + "; they roll back when they end"));
                }
            } catch (InterruptedException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        SeedException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        PhaseProgress last =
                new PhaseProgress(phase, done.get(), total, Duration.ofNanos(ticker.getAsLong() - started));
        progress.update(last);
        return last;
    }

    private CopyStream open(SeedTable table, int shard) {
        try {
            return CopyStream.open(target, table, shard, rebuildIndexes && table.rebuildsIndexes());
        } catch (SQLException | RuntimeException e) {
            throw failed(table, shard, "could not start", e);
        }
    }

    private void await(CountDownLatch latch, long started, SeedProgress progress, Duration interval)
            throws InterruptedException {
        while (!latch.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
            progress.update(
                    new PhaseProgress(phase, done.get(), total, Duration.ofNanos(ticker.getAsLong() - started)));
        }
    }

    /** An encoder thread: takes chunks until none is left or the phase failed, then sends what it holds. */
    private void encode() {
        int shards = target.shardCount();
        CopyRows[] buffers = new CopyRows[SeedTable.values().length * shards];
        Output out = (table, shard) -> {
            int slot = table.ordinal() * shards + shard;
            CopyRows b = buffers[slot];
            if (b == null || b.size() >= FLUSH_BYTES) {
                if (b != null) {
                    send(table, shard, b);
                }
                b = new CopyRows(FLUSH_BYTES + FLUSH_BYTES / 4);
                buffers[slot] = b;
            }
            return b;
        };
        try {
            for (int chunk = nextChunk.getAndIncrement();
                    chunk < chunks && failure.get() == null;
                    chunk = nextChunk.getAndIncrement()) {
                encoder.encode(chunk, out);
            }
            for (int slot = 0; slot < buffers.length && failure.get() == null; slot++) {
                CopyRows b = buffers[slot];
                if (b != null && b.rows() > 0) {
                    send(SeedTable.values()[slot / shards], slot % shards, b);
                }
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new SeedException(phase, "-", -1, phase.label() + ": encoding failed", e));
        }
    }

    /**
     * Queues a full buffer for its stream; drops it if the phase failed meanwhile (its writer may have
     * stopped taking, so a blocking put could wait forever).
     */
    private void send(SeedTable table, int shard, CopyRows rows) {
        int index = tables.indexOf(table);
        if (index < 0) {
            throw new IllegalStateException(table + " is not a table of phase " + phase);
        }
        BlockingQueue<Batch> queue = queues.get(index * target.shardCount() + shard);
        Batch batch = new Batch(rows.bytes(), rows.size(), rows.rows());
        try {
            while (!queue.offer(batch, SEND_POLL.toNanos(), TimeUnit.NANOSECONDS)) {
                if (failure.get() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + table.table(), e);
        }
    }

    /**
     * A writer thread: feeds its stream until the end and completes it (copy ended, indexes built),
     * waits until every stream of the phase got that far or failed, then commits if none failed (and
     * otherwise rolls back).
     */
    private void write(CopyStream stream, BlockingQueue<Batch> queue, CountDownLatch completed) {
        try {
            boolean ended = false;
            try {
                for (Batch b = queue.take(); b != END; b = queue.take()) {
                    if (failure.get() == null) {
                        stream.write(b.bytes(), b.length(), b.rows());
                        done.addAndGet(b.rows());
                    }
                }
                ended = true;
                if (failure.get() == null) {
                    stream.complete();
                }
            } catch (SQLException | RuntimeException e) {
                failure.compareAndSet(null, failed(stream.table(), stream.shard(), "failed", e));
            } finally {
                completed.countDown();
            }
            if (!ended) {
                drain(queue);
            }
            completed.await();
            if (failure.get() == null) {
                stream.commit();
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, failed(stream.table(), stream.shard(), "commit failed", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, failed(stream.table(), stream.shard(), "interrupted", e));
        } finally {
            stream.close();
        }
    }

    /** Takes what is left up to the end, so encoders blocked on a full queue go on (and see the failure). */
    private static void drain(BlockingQueue<Batch> queue) {
        try {
            for (Batch b = queue.take(); b != END; b = queue.take()) {
                // dropped: the stream failed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SeedException failed(SeedTable table, int shard, String what, Throwable cause) {
        return new SeedException(
                phase,
                table.table(),
                shard,
                phase.label() + ": loading " + table.table() + " on shard " + shard + " (" + target.shardName(shard)
                        + ") " + what + ": " + cause.getMessage(),
                cause);
    }

    private static void start(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
