package org.shardkit.core.metrics;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;

/**
 * The result of probing a shard's primary with {@code SELECT 1}, bypassing its circuit breaker.
 *
 * @param shard the shard
 * @param reachable whether the probe succeeded
 * @param latency how long the probe took (connection and query)
 * @param breakerState the breaker's state
 * @param error why the probe failed, or null
 * @param pool the primary pool's health
 */
public record ShardHealth(
        ShardId shard,
        boolean reachable,
        Duration latency,
        CircuitState breakerState,
        @Nullable String error,
        PoolHealth pool) {

    /** Validates the fields. */
    public ShardHealth {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(breakerState, "breakerState");
        Objects.requireNonNull(pool, "pool");
    }
}
