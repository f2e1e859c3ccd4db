package org.shardkit.core.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;

/**
 * The result of probing a shard's primary, and each of its read replicas, with {@code SELECT 1},
 * bypassing its circuit breaker. The shard serves while its primary is {@linkplain #reachable()
 * reachable}; replicas that are not {@linkplain ReplicaHealth#serving() serving} only move reads to
 * the other replicas or to the primary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard the shard
 * @param reachable whether the primary answered the probe
 * @param latency how long the primary's probe took (connection and query)
 * @param breakerState the breaker's state
 * @param error why the primary's probe failed, or null
 * @param pool the primary pool's health
 * @param replicas each read replica's health, in configuration order; empty when the shard has none
 */
public record ShardHealth(
        ShardId shard,
        boolean reachable,
        Duration latency,
        CircuitState breakerState,
        @Nullable String error,
        PoolHealth pool,
        List<ReplicaHealth> replicas) {

    /** Validates the fields and copies the replicas. */
    public ShardHealth {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(breakerState, "breakerState");
        Objects.requireNonNull(pool, "pool");
        replicas = List.copyOf(replicas);
    }

    /** Returns how many replicas are {@linkplain ReplicaHealth#serving() serving} reads. */
    public int servingReplicas() {
        return (int) replicas.stream().filter(ReplicaHealth::serving).count();
    }
}
