package org.shardkit.core;

import java.time.Duration;

/**
 * How long failed work waits before its next attempt: {@code initial} after the first failure,
 * doubling with each further one, never more than {@code max}. The outbox's relay and the batch
 * writer retry by it. Immutable and thread-safe.
 *
 * @param initial the wait after the first failed attempt, positive
 * @param max the longest wait, at least {@code initial} and at most {@link #LONGEST}
 */
public record Backoff(Duration initial, Duration max) {
    /** The longest {@code max} accepted: a day. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if {@code initial} is not positive, {@code max} is below it or
     *     above {@link #LONGEST}
     */
    public Backoff {
        java.util.Objects.requireNonNull(initial, "initial");
        java.util.Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, but was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "max backoff must be at least the initial backoff (" + initial + "), but was " + max);
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("max backoff must be at most " + LONGEST + ", but was " + max);
        }
    }

    /**
     * Returns the wait after a number of failed attempts.
     *
     * @param attempts the failed attempts so far, {@code >= 1}
     * @return {@code min(initial * 2^(attempts - 1), max)}
     */
    public Duration after(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
        }
        int doublings = attempts - 1;
        // Compare before multiplying: a long run of failures must not overflow into a short wait.
        if (doublings >= 62 || initial.toNanos() > (max.toNanos() >> doublings)) {
            return max;
        }
        return initial.multipliedBy(1L << doublings);
    }
}
