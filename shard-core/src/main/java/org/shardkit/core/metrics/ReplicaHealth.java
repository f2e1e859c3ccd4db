package org.shardkit.core.metrics;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of probing one read replica of a shard with {@code SELECT 1}, as part of {@link
 * ShardHealth#replicas()}. A replica that is unreachable or {@linkplain #skipped() skipped} leaves
 * the shard serving: reads go to its other replicas, or to its primary when none is usable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index the replica's position in the shard's {@code replicas} list, from 0
 * @param poolName its HikariCP pool's name, {@code shardkit-<shard name>-replica-<index>}: the {@code
 *     pool} tag of its {@code hikaricp.*} meters
 * @param reachable whether the probe succeeded (a pool whose every connection is in use is reported
 *     reachable without being probed)
 * @param latency how long the probe took (connection and query); zero when not probed
 * @param skipped whether reads skip the replica now: a read failed to get a connection from it less
 *     than {@code replicaRetryAfter} ago
 * @param error why the probe failed, or null
 * @param pool the replica pool's use
 */
public record ReplicaHealth(
        int index,
        String poolName,
        boolean reachable,
        Duration latency,
        boolean skipped,
        @Nullable String error,
        PoolHealth pool) {

    /** Validates the fields. */
    public ReplicaHealth {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, but was " + index);
        }
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(pool, "pool");
    }

    /** Tells whether reads can use the replica: it answered the probe and is not skipped. */
    public boolean serving() {
        return reachable && !skipped;
    }
}
