package org.shardkit.idgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a generator waits for its clock to reach a later millisecond: after the sequence of one
 * millisecond is used up, or while a small backwards step of the clock is waited out.
 *
 * <p>The generator reads its clock again after each call, so an implementation may return early.
 * Tests inject one that advances a fake clock, which keeps them free of real waiting.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface WaitStrategy {

    /**
     * Waits until the clock is likely to show {@code untilMillis} or later, or returns earlier.
     *
     * @param nowMillis what the clock showed, in Unix milliseconds
     * @param untilMillis the millisecond the generator waits for, in Unix milliseconds
     */
    void await(long nowMillis, long untilMillis);

    /**
     * Returns the default strategy: spins ({@link Thread#onSpinWait()}) when the wait is at most one
     * millisecond, which keeps a saturated generator at the layout's rate, and parks the thread for
     * longer waits. Thread-safe.
     *
     * @return the default strategy
     */
    static WaitStrategy spinThenPark() {
        return WaitStrategy::spinThenParkAwait;
    }

    private static void spinThenParkAwait(long nowMillis, long untilMillis) {
        long remaining = untilMillis - nowMillis;
        if (remaining <= 1) {
            Thread.onSpinWait();
        } else {
            // Wake a millisecond early and spin the rest: park overshoots by tens of microseconds.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(remaining - 1));
        }
    }
}
