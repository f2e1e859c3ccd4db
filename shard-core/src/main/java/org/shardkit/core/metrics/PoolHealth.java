package org.shardkit.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shardkit.core.ShardId;

/**
 * A shard pool's health: how much of it is in use and what to do about it. Utilisation below 0.7
 * is {@link Level#HEALTHY}, below 0.9 {@link Level#WARNING}, else {@link Level#CRITICAL}.
 *
 * @param shard the shard
 * @param active connections in use
 * @param idle idle connections
 * @param waiting threads waiting for a connection
 * @param maximumSize the pool's maximum size
 * @param utilization {@code active / maximumSize}
 * @param level the verdict
 * @param recommendations what to do, empty when healthy
 */
public record PoolHealth(
        ShardId shard,
        int active,
        int idle,
        int waiting,
        int maximumSize,
        double utilization,
        Level level,
        List<String> recommendations) {

    /** Utilisation at and above which the pool is {@link Level#WARNING}: {@value}. */
    public static final double WARNING_AT = 0.7;
    /** Utilisation at and above which the pool is {@link Level#CRITICAL}: {@value}. */
    public static final double CRITICAL_AT = 0.9;

    /** The verdict. */
    public enum Level {
        /** Utilisation below 0.7 and nobody waiting. */
        HEALTHY,
        /** Utilisation from 0.7 to 0.9, or threads waiting. */
        WARNING,
        /** Utilisation 0.9 or more. */
        CRITICAL
    }

    /** Validates and copies. */
    public PoolHealth {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(level, "level");
        recommendations = List.copyOf(recommendations);
    }

    /**
     * Judges a pool's numbers.
     *
     * @param shard the shard
     * @param active connections in use
     * @param idle idle connections
     * @param waiting threads waiting
     * @param maximumSize the pool's maximum size, {@code >= 1}
     * @return the verdict and advice
     */
    public static PoolHealth evaluate(ShardId shard, int active, int idle, int waiting, int maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be >= 1, but was " + maximumSize);
        }
        double utilization = (double) active / maximumSize;
        List<String> advice = new ArrayList<>();
        Level level;
        if (utilization >= CRITICAL_AT) {
            level = Level.CRITICAL;
            advice.add("raise pool.maximumSize for " + shard + " (now " + maximumSize
                    + ") if the server has connections to spare");
            advice.add("shorten the time each call holds a connection: faster queries, shorter transactions");
        } else if (utilization >= WARNING_AT) {
            level = Level.WARNING;
            advice.add("watch the trend of " + shard + "'s utilisation (" + percent(utilization) + ")");
            advice.add("plan headroom: raise pool.maximumSize (now " + maximumSize + ") or spread load over replicas");
        } else {
            level = Level.HEALTHY;
        }
        if (waiting > 0) {
            if (level == Level.HEALTHY) {
                level = Level.WARNING;
            }
            advice.add(waiting + " thread(s) waiting for a connection: calls queue; check limits.maxConcurrentPerShard"
                    + " and pool.connectionTimeout");
        }
        return new PoolHealth(shard, active, idle, waiting, maximumSize, utilization, level, advice);
    }

    private static String percent(double v) {
        return Math.round(v * 100) + "%";
    }
}
