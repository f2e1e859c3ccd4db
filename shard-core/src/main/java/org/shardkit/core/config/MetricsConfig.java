package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Observability settings: the slow-query log.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetricsConfig {
    /** Default slow-query threshold: 1 second. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofSeconds(1);

    private static final MetricsConfig DEFAULTS = builder().build();

    private final Duration slowQueryThreshold;
    private final boolean logBindValues;

    private MetricsConfig(Builder b) {
        this.slowQueryThreshold = b.slowQueryThreshold;
        this.logBindValues = b.logBindValues;
    }

    /** Returns the defaults: a 1 s threshold, no bind values. */
    public static MetricsConfig defaults() {
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

    /** Returns the duration above which a statement is logged with shard, duration and SQL; zero logs all. */
    public Duration slowQueryThreshold() {
        return slowQueryThreshold;
    }

    /** Tells whether the slow-query log includes bind values (off by default: they may hold personal data). */
    public boolean logBindValues() {
        return logBindValues;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MetricsConfig m
                && slowQueryThreshold.equals(m.slowQueryThreshold)
                && logBindValues == m.logBindValues;
    }

    @Override
    public int hashCode() {
        return Objects.hash(slowQueryThreshold, logBindValues);
    }

    @Override
    public String toString() {
        return "MetricsConfig[slowQueryThreshold=" + Settings.format(slowQueryThreshold) + ", logBindValues="
                + logBindValues + "]";
    }

    /**
     * Builds a {@link MetricsConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private Duration slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
        private boolean logBindValues;

        private Builder(@Nullable MetricsConfig base) {
            if (base != null) {
                slowQueryThreshold = base.slowQueryThreshold;
                logBindValues = base.logBindValues;
            }
        }

        /**
         * Sets the slow-query threshold; zero or more.
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration value) {
            given.once("slowQueryThreshold", slowQueryThreshold, value);
            this.slowQueryThreshold = Settings.atLeast("slowQueryThreshold", value, Duration.ZERO);
            return this;
        }

        /**
         * Sets whether the slow-query log includes bind values.
         *
         * @param value true to include them
         * @return this builder
         */
        public Builder logBindValues(boolean value) {
            given.once("logBindValues", logBindValues, value);
            this.logBindValues = value;
            return this;
        }

        /** Builds the settings. */
        public MetricsConfig build() {
            return new MetricsConfig(this);
        }
    }
}
