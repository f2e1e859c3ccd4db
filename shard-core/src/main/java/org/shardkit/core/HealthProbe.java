package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ShardHealth;

/**
 * Probes a shard's primary with {@code SELECT 1}, past its breaker, and reports what it found. A
 * pool whose every connection is in use is not probed: borrowing would wait out the connection
 * timeout, take a connection from the work that needs it, and report a busy shard as unreachable.
 * Its connections are in use, so the shard answers; the pool's verdict says how busy it is.
 */
final class HealthProbe {
    private final LongSupplier ticker;

    HealthProbe(LongSupplier ticker) {
        this.ticker = ticker;
    }

    ShardHealth probe(Shard shard) {
        PoolHealth pool = PoolGauges.health(shard);
        if (pool.active() >= pool.maximumSize()) {
            return new ShardHealth(
                    shard.id(), true, Duration.ZERO, shard.guard().circuitState(), null, pool);
        }
        long start = ticker.getAsLong();
        String error = null;
        try (Connection c = shard.primary().dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.setQueryTimeout(shard.primary().validationTimeoutSeconds());
            st.execute("SELECT 1");
        } catch (SQLException e) {
            error = SqlFailures.rootMessage(e);
        }
        Duration latency = Duration.ofNanos(Math.max(0, ticker.getAsLong() - start));
        return new ShardHealth(
                shard.id(), error == null, latency, shard.guard().circuitState(), error, PoolGauges.health(shard));
    }
}
