package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Observability settings.
 *
 * @param slowQueryThreshold statements slower than this are logged with shard, duration and SQL;
 *     default {@link #DEFAULT_SLOW_QUERY_THRESHOLD}; zero logs every statement
 * @param logBindValues whether the slow-query log includes bind values (off by default: they may
 *     hold personal data)
 */
public record MetricsConfig(Duration slowQueryThreshold, boolean logBindValues) {
    /** Default slow-query threshold: 1 second. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofSeconds(1);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the threshold is negative
     */
    public MetricsConfig {
        Objects.requireNonNull(slowQueryThreshold, "slowQueryThreshold");
        if (slowQueryThreshold.isNegative()) {
            throw new IllegalArgumentException("slowQueryThreshold must be >= 0, but was " + slowQueryThreshold);
        }
    }

    /** Returns the defaults: 1 s threshold, no bind values. */
    public static MetricsConfig defaults() {
        return new MetricsConfig(DEFAULT_SLOW_QUERY_THRESHOLD, false);
    }
}
