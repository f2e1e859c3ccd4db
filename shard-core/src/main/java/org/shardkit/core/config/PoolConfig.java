package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * HikariCP settings for one pool. The top-level {@code pool} section gives defaults; a shard's own
 * {@code pool} section overrides any of them for that shard's pools (primary and replicas).
 *
 * @param maximumSize most connections, {@code >= 1}; default {@value #DEFAULT_MAXIMUM_SIZE}
 * @param minimumIdle idle connections kept, {@code 0..maximumSize}; default {@value
 *     #DEFAULT_MINIMUM_IDLE}
 * @param connectionTimeout longest wait for a connection, {@code >= 250 ms}; default 1 s
 * @param maxLifetime a connection's longest life, zero (none) or {@code >= 30 s}; default 30 min
 * @param idleTimeout how long an idle connection above {@code minimumIdle} is kept, zero (never
 *     retired) or {@code >= 10 s}; default 10 min
 * @param leakDetectionThreshold how long a connection may be out before a leak is logged, zero
 *     (off) or {@code >= 2 s}; default off
 */
public record PoolConfig(
        int maximumSize,
        int minimumIdle,
        Duration connectionTimeout,
        Duration maxLifetime,
        Duration idleTimeout,
        Duration leakDetectionThreshold) {

    /** Default {@code maximumSize}: {@value}. */
    public static final int DEFAULT_MAXIMUM_SIZE = 10;
    /** Default {@code minimumIdle}: {@value}. */
    public static final int DEFAULT_MINIMUM_IDLE = 1;
    /** Default connection timeout: 1 second (HikariCP's 30 s default hides a dead shard for too long). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** Default maximum lifetime: 30 minutes. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** Default idle timeout: 10 minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    private static final PoolConfig DEFAULTS = new PoolConfig(
            DEFAULT_MAXIMUM_SIZE,
            DEFAULT_MINIMUM_IDLE,
            DEFAULT_CONNECTION_TIMEOUT,
            DEFAULT_MAX_LIFETIME,
            DEFAULT_IDLE_TIMEOUT,
            Duration.ZERO);

    /**
     * Validates the settings against HikariCP's own limits, so a bad value is an error here instead
     * of being silently reset by the pool.
     *
     * @throws IllegalArgumentException naming the setting and its value
     */
    public PoolConfig {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(leakDetectionThreshold, "leakDetectionThreshold");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be >= 1, but was " + maximumSize);
        }
        if (minimumIdle < 0 || minimumIdle > maximumSize) {
            throw new IllegalArgumentException(
                    "minimumIdle must be in [0, maximumSize=" + maximumSize + "], but was " + minimumIdle);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be >= 250ms, but was " + connectionTimeout);
        }
        if (!maxLifetime.isZero() && maxLifetime.toMillis() < 30_000) {
            throw new IllegalArgumentException("maxLifetime must be 0 or >= 30s, but was " + maxLifetime);
        }
        if (!idleTimeout.isZero() && idleTimeout.toMillis() < 10_000) {
            throw new IllegalArgumentException("idleTimeout must be 0 or >= 10s, but was " + idleTimeout);
        }
        if (!leakDetectionThreshold.isZero() && leakDetectionThreshold.toMillis() < 2_000) {
            throw new IllegalArgumentException(
                    "leakDetectionThreshold must be 0 (off) or >= 2s, but was " + leakDetectionThreshold);
        }
        // HikariCP would silently switch these off (with a log warning); refuse them instead.
        if (!maxLifetime.isZero()
                && !idleTimeout.isZero()
                && idleTimeout.plusSeconds(1).compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("idleTimeout must be at least 1s below maxLifetime (" + maxLifetime
                    + ") or 0, but was " + idleTimeout);
        }
        if (!maxLifetime.isZero() && leakDetectionThreshold.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("leakDetectionThreshold must be <= maxLifetime (" + maxLifetime
                    + ") or 0, but was " + leakDetectionThreshold);
        }
    }

    /** Returns the defaults. */
    public static PoolConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another maximum size.
     *
     * @param size the new maximum size
     * @return the copy
     */
    public PoolConfig withMaximumSize(int size) {
        return new PoolConfig(
                size, Math.min(minimumIdle, size), connectionTimeout, maxLifetime, idleTimeout, leakDetectionThreshold);
    }

    /**
     * Returns a copy with another connection timeout.
     *
     * @param timeout the new timeout
     * @return the copy
     */
    public PoolConfig withConnectionTimeout(Duration timeout) {
        return new PoolConfig(maximumSize, minimumIdle, timeout, maxLifetime, idleTimeout, leakDetectionThreshold);
    }
}
