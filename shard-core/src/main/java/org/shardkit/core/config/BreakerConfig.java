package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-shard circuit breaker (Resilience4j). Only a shard being unreachable counts as a failure;
 * a statement's own error (a constraint violation, bad SQL) does not.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker,
 *     {@code 1..100}; default {@value #DEFAULT_FAILURE_RATE_THRESHOLD}
 * @param slidingWindowSize how many recent calls are counted, {@code >= 1}; default {@value
 *     #DEFAULT_SLIDING_WINDOW_SIZE}
 * @param minimumCalls calls needed before the rate is judged, {@code 1..slidingWindowSize};
 *     default {@value #DEFAULT_MINIMUM_CALLS}
 * @param openDuration how long an open breaker rejects calls before letting trial calls through;
 *     default 5 s
 */
public record BreakerConfig(int failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openDuration) {
    /** Default failure-rate threshold: {@value} percent. */
    public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    /** Default sliding window: {@value} calls. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;
    /** Default minimum number of calls: {@value}. */
    public static final int DEFAULT_MINIMUM_CALLS = 3;
    /** Default open duration: 5 seconds. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(5);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public BreakerConfig {
        Objects.requireNonNull(openDuration, "openDuration");
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new IllegalArgumentException(
                    "failureRateThreshold must be in [1, 100], but was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new IllegalArgumentException("slidingWindowSize must be >= 1, but was " + slidingWindowSize);
        }
        if (minimumCalls < 1 || minimumCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumCalls must be in [1, slidingWindowSize=" + slidingWindowSize
                    + "], but was " + minimumCalls);
        }
        if (openDuration.toMillis() < 1) {
            throw new IllegalArgumentException("openDuration must be >= 1ms, but was " + openDuration);
        }
    }

    /** Returns the defaults: 50 %, 10 calls, 3 minimum, 5 s open. */
    public static BreakerConfig defaults() {
        return new BreakerConfig(
                DEFAULT_FAILURE_RATE_THRESHOLD,
                DEFAULT_SLIDING_WINDOW_SIZE,
                DEFAULT_MINIMUM_CALLS,
                DEFAULT_OPEN_DURATION);
    }
}
