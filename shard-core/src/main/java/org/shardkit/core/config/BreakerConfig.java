package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The per-shard circuit breaker (Resilience4j). Only a shard being unreachable counts as a failure;
 * a statement's own error (a constraint violation, bad SQL) does not.
 *
 * <pre>{@code
 * BreakerConfig breaker = BreakerConfig.builder().openDuration(Duration.ofSeconds(10)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BreakerConfig {
    /** Default failure-rate threshold: {@value} percent. */
    public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    /** Default sliding window: {@value} calls. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;
    /** Default minimum number of calls: {@value}. */
    public static final int DEFAULT_MINIMUM_CALLS = 3;
    /** Default open duration: 5 seconds. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(5);
    /** Largest sliding window: {@value} calls. */
    public static final int MAX_SLIDING_WINDOW_SIZE = 10_000;

    private static final BreakerConfig DEFAULTS = builder().build();

    private final int failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumCalls;
    private final Duration openDuration;

    private BreakerConfig(Builder b) {
        this.failureRateThreshold = b.failureRateThreshold;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumCalls = b.minimumCalls;
        this.openDuration = b.openDuration;
    }

    /** Returns the defaults: 50 %, 10 calls, 3 minimum, 5 s open. */
    public static BreakerConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the percentage of failed calls in the window that opens the breaker, {@code 1..100}. */
    public int failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Returns how many recent calls are counted, {@code 1..}{@value #MAX_SLIDING_WINDOW_SIZE}. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** Returns the calls needed before the rate is judged, {@code 1..slidingWindowSize}. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** Returns how long an open breaker rejects calls before letting a trial call through. */
    public Duration openDuration() {
        return openDuration;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BreakerConfig b
                && failureRateThreshold == b.failureRateThreshold
                && slidingWindowSize == b.slidingWindowSize
                && minimumCalls == b.minimumCalls
                && openDuration.equals(b.openDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureRateThreshold, slidingWindowSize, minimumCalls, openDuration);
    }

    @Override
    public String toString() {
        return "BreakerConfig[failureRateThreshold=" + failureRateThreshold + ", slidingWindowSize="
                + slidingWindowSize + ", minimumCalls=" + minimumCalls + ", openDuration="
                + Settings.format(openDuration) + "]";
    }

    /**
     * Builds a {@link BreakerConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private int failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private Duration openDuration = DEFAULT_OPEN_DURATION;

        private Builder(@Nullable BreakerConfig base) {
            if (base != null) {
                failureRateThreshold = base.failureRateThreshold;
                slidingWindowSize = base.slidingWindowSize;
                minimumCalls = base.minimumCalls;
                openDuration = base.openDuration;
            }
        }

        /**
         * Sets the failure percentage that opens the breaker; {@code 1..100}.
         *
         * @param value the percentage
         * @return this builder
         */
        public Builder failureRateThreshold(long value) {
            given.once("failureRateThreshold", failureRateThreshold, value);
            this.failureRateThreshold = Settings.intIn("failureRateThreshold", value, 1, 100);
            return this;
        }

        /**
         * Sets how many recent calls are counted; {@code 1..}{@value #MAX_SLIDING_WINDOW_SIZE}.
         *
         * @param value the window
         * @return this builder
         */
        public Builder slidingWindowSize(long value) {
            given.once("slidingWindowSize", slidingWindowSize, value);
            this.slidingWindowSize = Settings.intIn("slidingWindowSize", value, 1, MAX_SLIDING_WINDOW_SIZE);
            return this;
        }

        /**
         * Sets the calls needed before the rate is judged; {@code 1..slidingWindowSize} (checked by
         * {@link #build()}).
         *
         * @param value the count
         * @return this builder
         */
        public Builder minimumCalls(long value) {
            given.once("minimumCalls", minimumCalls, value);
            this.minimumCalls = Settings.intIn("minimumCalls", value, 1, MAX_SLIDING_WINDOW_SIZE);
            return this;
        }

        /**
         * Sets how long an open breaker rejects calls; at least 1 ms.
         *
         * @param value the duration
         * @return this builder
         */
        public Builder openDuration(Duration value) {
            given.once("openDuration", openDuration, value);
            this.openDuration = Settings.atLeast("openDuration", value, Duration.ofMillis(1));
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if {@code minimumCalls > slidingWindowSize}
         */
        public BreakerConfig build() {
            if (minimumCalls > slidingWindowSize) {
                throw new InvalidSettingException(
                        "minimumCalls", "must be <= slidingWindowSize (" + slidingWindowSize + ")", minimumCalls);
            }
            return new BreakerConfig(this);
        }
    }
}
