package org.shardkit.core.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The records accepted but not yet written, and the journal's live bytes: the bytes of its segment
 * files not yet deleted plus those of the records queued. An append reserves its record's bytes
 * here, waiting while they would pass the bound; a segment's deletion gives its bytes back. The
 * writer thread takes what is queued, as one group. Thread-safe.
 */
final class AppendQueue {
    /** A record accepted, and the future its caller holds. */
    record Pending(byte[] payload, CompletableFuture<JournalRecord> future) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final String directory;
    private final long maxBytes;
    private final LongSupplier ticker;
    private long liveBytes;
    private boolean closed;
    private @Nullable JournalException failure;

    AppendQueue(String directory, long maxBytes, LongSupplier ticker, long liveBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.ticker = ticker;
        this.liveBytes = liveBytes;
    }

    /**
     * Queues a record once its bytes fit under the bound, waiting up to {@code maxWaitNanos} for room.
     *
     * @throws IllegalStateException if the journal is closed, or closes while the caller waits
     * @throws JournalException if the journal failed, or the wait was interrupted
     * @throws JournalFullException if there was no room after the wait
     */
    void offer(Pending pending, long maxWaitNanos) {
        long needed = RecordFormat.frameBytes(pending.payload().length);
        lock.lock();
        try {
            checkAccepting();
            if (liveBytes + needed > maxBytes) {
                awaitRoom(needed, maxWaitNanos);
            }
            liveBytes += needed;
            queue.addLast(pending);
            if (queue.size() == 1) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitRoom(long needed, long maxWaitNanos) {
        long start = maxWaitNanos > 0 ? ticker.getAsLong() : 0;
        long waited = 0;
        while (liveBytes + needed > maxBytes) {
            if (waited >= maxWaitNanos) {
                throw new JournalFullException(directory, liveBytes, maxBytes, needed, Duration.ofNanos(waited));
            }
            try {
                roomFreed.awaitNanos(maxWaitNanos - waited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalException("journal " + directory + ": append interrupted while waiting for room", e);
            }
            checkAccepting();
            waited = ticker.getAsLong() - start;
        }
    }

    private void checkAccepting() {
        if (closed) {
            throw new IllegalStateException("journal " + directory + " is closed");
        }
        if (failure != null) {
            throw new JournalException(
                    "journal " + directory + " refuses appends after a failed write: " + failure.getMessage(),
                    failure.getCause());
        }
    }

    /**
     * Takes up to {@code max} queued records, waiting while none is queued and the journal is open.
     *
     * @return the records in append order; empty once the journal is closed and everything is taken
     */
    List<Pending> take(int max) {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            List<Pending> group = new ArrayList<>(Math.min(max, queue.size()));
            while (group.size() < max && !queue.isEmpty()) {
                group.add(queue.pollFirst());
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the bytes of a deleted segment, waking the appends that wait for room. */
    void release(long bytes) {
        lock.lock();
        try {
            liveBytes -= bytes;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts the journal in the failed state: later appends are refused with the failure's cause.
     *
     * @return the records still queued, which the caller fails
     */
    List<Pending> fail(JournalException failure) {
        lock.lock();
        try {
            this.failure = failure;
            List<Pending> left = new ArrayList<>(queue);
            queue.clear();
            roomFreed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses appends from now on; the writer takes what is queued, then gets an empty group. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the live bytes: segment files not deleted, and records queued. */
    long liveBytes() {
        lock.lock();
        try {
            return liveBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Converts a wait to nanoseconds, saturating (a wait of years is a wait of forever). */
    static long nanos(Duration wait) {
        return wait.compareTo(Duration.ofDays(365)) > 0 ? TimeUnit.DAYS.toNanos(365) : wait.toNanos();
    }
}
