package org.shardkit.core.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardId;
import org.shardkit.core.config.BatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's rows in a {@link BatchWriter}: a buffer and the thread that takes a batch from it when
 * it holds {@code maxBatchSize} rows, when its oldest row is {@code maxBatchAge} old, when a flush is
 * asked for, or while closing, and writes it through {@link BatchAttempts}. One batch of a lane is
 * written at a time, so a shard's rows commit in the order they came, but for rows a failed batch
 * isolated. Thread-safe.
 */
final class ShardLane<R> {
    private static final Logger LOG = LoggerFactory.getLogger(ShardLane.class);

    private final String writer;
    private final ShardId shard;
    private final String shardName;
    private final BatchConfig config;
    private final LongSupplier ticker;
    private final BatchAttempts<R> attempts;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending<R>> buffer = new ArrayDeque<>();
    private final Thread thread;
    private int inFlight;
    private boolean flushAsked;
    private boolean closing;
    private long closeDeadline;

    ShardLane(
            String writer,
            ShardId shard,
            String shardName,
            BatchConfig config,
            LongSupplier ticker,
            BatchAttempts<R> attempts) {
        this.writer = writer;
        this.shard = shard;
        this.shardName = shardName;
        this.config = config;
        this.ticker = ticker;
        this.attempts = attempts;
        this.thread = new Thread(this::run, "shardkit-batch-" + writer + "-" + shard.value());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Adds a row.
     *
     * @throws LimitExceededException if {@code maxPendingRows} rows already wait on this shard
     * @throws IllegalStateException if the writer is closing
     */
    void add(Pending<R> row) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("batch writer '" + writer + "' is closed; " + shard + " (" + shardName
                        + ") takes no more rows");
            }
            if (!thread.isAlive()) {
                throw new IllegalStateException("batch writer '" + writer + "': the thread of " + shard + " ("
                        + shardName + ") has stopped; its rows cannot be written (see the log)");
            }
            int pending = buffer.size() + inFlight;
            if (pending >= config.maxPendingRows()) {
                throw new LimitExceededException(
                        shard,
                        "batch writer '" + writer + "' pending rows on " + shard + " (" + shardName + ")",
                        config.maxPendingRows() + " rows",
                        pending + " rows wait to be written; the shard is slow or failing");
            }
            buffer.addLast(row);
            if (buffer.size() == 1 || buffer.size() >= config.maxBatchSize()) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns the futures of the rows waiting now, and asks the thread to write them without waiting for age. */
    List<CompletableFuture<Void>> flush() {
        lock.lock();
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>(buffer.size());
            buffer.forEach(p -> futures.add(p.future()));
            flushAsked = true;
            changed.signal();
            return futures;
        } finally {
            lock.unlock();
        }
    }

    /** Rows waiting or being written. */
    int pending() {
        lock.lock();
        try {
            return buffer.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking rows; the thread writes what waits until {@code deadline} (ticker nanos), then stops. */
    void close(long deadline) {
        lock.lock();
        try {
            closing = true;
            closeDeadline = deadline;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the thread until the deadline; then fails the rows still waiting with {@link
     * BatchWriteException.Reason#CLOSED}.
     *
     * @return rows not written: failed now, or still in a batch being written
     */
    int awaitClosed(long deadline) throws InterruptedException {
        long left = deadline - ticker.getAsLong();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
        List<Pending<R>> abandoned;
        int stillWriting;
        lock.lock();
        try {
            abandoned = new ArrayList<>(buffer);
            buffer.clear();
            stillWriting = thread.isAlive() ? inFlight : 0;
        } finally {
            lock.unlock();
        }
        if (!abandoned.isEmpty()) {
            attempts.fail(
                    abandoned,
                    0,
                    BatchWriteException.Reason.CLOSED,
                    ": its close timeout passed before they were written",
                    null);
        }
        return abandoned.size() + stillWriting;
    }

    /**
     * Sleeps for a retry's backoff, or until closing makes the wait pass the close deadline.
     *
     * @return true to try again, false if the close deadline passed or comes before the wait ends
     */
    boolean backoff(long nanos) {
        long end = ticker.getAsLong() + nanos;
        lock.lock();
        try {
            while (true) {
                long now = ticker.getAsLong();
                if (closing && closeDeadline <= end) {
                    return false;
                }
                if (now >= end) {
                    return true;
                }
                changed.awaitNanos(end - now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<Pending<R>> batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                if (isClosing()) {
                    return;
                }
                // Nobody but closing should interrupt a lane: carry on rather than strand its rows.
                LOG.warn(
                        "batch writer '{}' on {} ({}): thread interrupted while not closing; going on",
                        writer,
                        shard,
                        shardName);
                continue;
            }
            if (batch == null) {
                return;
            }
            try {
                attempts.write(batch, this);
            } catch (Throwable e) {
                // A bug, or the JVM in trouble: fail the rows (they may pass later) rather than leave
                // their futures hanging, and keep the thread for the rows after them.
                try {
                    LOG.error(
                            "batch writer '{}' on {} ({}): a batch of {} rows failed",
                            writer,
                            shard,
                            shardName,
                            batch.size(),
                            e);
                    attempts.fail(batch, 0, BatchWriteException.Reason.UNEXPECTED, "", e);
                } catch (Throwable ignored) {
                    // Failing the futures failed too (out of memory): nothing more can be done here.
                }
            } finally {
                lock.lock();
                try {
                    inFlight -= batch.size();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next batch to write; null when closing and nothing is left. */
    private @Nullable List<Pending<R>> next() throws InterruptedException {
        long maxAge = config.maxBatchAge().toNanos();
        lock.lock();
        try {
            while (true) {
                Pending<R> oldest = buffer.peekFirst();
                if (oldest == null) {
                    flushAsked = false;
                    if (closing) {
                        return null;
                    }
                    changed.await();
                    continue;
                }
                long now = ticker.getAsLong();
                if (closing && now - closeDeadline >= 0) {
                    return null; // past the close deadline: what waits is failed by awaitClosed
                }
                long age = now - oldest.enqueuedAt();
                if (buffer.size() >= config.maxBatchSize() || flushAsked || closing || age >= maxAge) {
                    int n = Math.min(buffer.size(), config.maxBatchSize());
                    List<Pending<R>> batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        batch.add(buffer.removeFirst());
                    }
                    inFlight += n;
                    return batch;
                }
                changed.awaitNanos(maxAge - age);
            }
        } finally {
            lock.unlock();
        }
    }
}
