package org.shardkit.core.writequeue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.config.WriteQueueConfig.WhenFull;
import org.shardkit.core.journal.JournalFullException;

/**
 * A queue's capacity: one permit per write from acceptance until its sink commits or fails it, taken
 * as the full policy says (wait up to the block timeout, or not at all), and the refusals when there
 * is no room, in the queue or in its journal. Thread-safe.
 */
final class Room {
    private final String queue;
    private final WriteQueueConfig config;
    private final LongSupplier ticker;
    private final WriteQueueMeters meters;
    private final Semaphore permits;

    Room(String queue, WriteQueueConfig config, LongSupplier ticker, WriteQueueMeters meters) {
        this.queue = queue;
        this.config = config;
        this.ticker = ticker;
        this.meters = meters;
        this.permits = new Semaphore(config.capacity(), true);
    }

    /** Writes holding a place. */
    int depth() {
        return config.capacity() - permits.availablePermits();
    }

    /**
     * Takes a place for a writer that came at {@code start} (ticker nanos), by the full policy.
     *
     * @throws WriteQueueFullException if none came free in time
     */
    void take(long start) {
        boolean got;
        if (config.whenFull() == WhenFull.REJECT) {
            got = permits.tryAcquire();
        } else {
            try {
                got = permits.tryAcquire(config.blockTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            }
        }
        if (!got) {
            meters.rejected(false);
            throw full(start, depth() + " of " + config.capacity() + " writes wait to commit", null);
        }
    }

    /** Takes a place for a replayed write, waiting as long as it takes unless {@code closed} turns true. */
    boolean takeUnlessClosed(BooleanSupplier closed) throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (closed.getAsBoolean()) {
                return false;
            }
        }
        if (closed.getAsBoolean()) {
            permits.release();
            return false;
        }
        return true;
    }

    void release() {
        permits.release();
    }

    /** How long a writer that came at {@code start} may still wait for the journal's room. */
    Duration remainingWait(long start) {
        if (config.whenFull() == WhenFull.REJECT) {
            return Duration.ZERO;
        }
        long left = config.blockTimeout().toNanos() - (ticker.getAsLong() - start);
        return Duration.ofNanos(Math.max(0, left));
    }

    /** The refusal of a writer that came at {@code start} because the journal stayed full. */
    WriteQueueFullException journalFull(long start, JournalFullException full) {
        meters.rejected(true);
        return full(start, "its journal is at its bound: " + full.getMessage(), full);
    }

    private WriteQueueFullException full(long start, String what, @org.jspecify.annotations.Nullable Throwable cause) {
        return new WriteQueueFullException(
                queue,
                what,
                depth(),
                Duration.ofNanos(ticker.getAsLong() - start),
                config.whenFull().name(),
                cause);
    }
}
