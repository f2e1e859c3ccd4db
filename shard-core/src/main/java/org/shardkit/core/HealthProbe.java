package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ReplicaHealth;
import org.shardkit.core.metrics.ShardHealth;

/**
 * Probes a shard's primary and each of its replicas with {@code SELECT 1}, past its breaker, one
 * after the other, and reports what it found. A pool whose every connection is in use is not
 * probed: borrowing would wait out the connection timeout, take a connection from the work that
 * needs it, and report a busy server as unreachable. Its connections are in use, so the server
 * answers; the pool's verdict says how busy it is. Probing changes nothing: a replica that fails its
 * probe is not skipped by reads for it, nor one that answers taken back before its cool-down ends.
 */
final class HealthProbe {
    private final LongSupplier ticker;

    HealthProbe(LongSupplier ticker) {
        this.ticker = ticker;
    }

    ShardHealth probe(Shard shard) {
        Result primary = probe(shard.id(), shard.primary());
        ReplicaSet set = shard.replicas();
        List<ReplicaHealth> replicas = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            ShardPool pool = set.pool(i);
            Result r = probe(shard.id(), pool);
            replicas.add(new ReplicaHealth(
                    i,
                    pool.poolName(),
                    r.error == null,
                    r.latency,
                    set.isSkipped(i),
                    r.error,
                    PoolGauges.health(shard.id(), pool)));
        }
        return new ShardHealth(
                shard.id(),
                primary.error == null,
                primary.latency,
                shard.guard().circuitState(),
                primary.error,
                PoolGauges.health(shard.id(), shard.primary()),
                replicas);
    }

    /** What one probe found: how long it took, and why it failed (null when it did not). */
    private record Result(Duration latency, @Nullable String error) {}

    private Result probe(ShardId shard, ShardPool pool) {
        PoolHealth before = PoolGauges.health(shard, pool);
        if (before.active() >= before.maximumSize()) {
            return new Result(Duration.ZERO, null);
        }
        long start = ticker.getAsLong();
        String error = null;
        try (Connection c = pool.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.setQueryTimeout(pool.validationTimeoutSeconds());
            st.execute("SELECT 1");
        } catch (SQLException e) {
            error = SqlFailures.rootMessage(e);
        }
        return new Result(Duration.ofNanos(Math.max(0, ticker.getAsLong() - start)), error);
    }
}
