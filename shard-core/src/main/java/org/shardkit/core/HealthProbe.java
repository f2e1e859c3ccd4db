package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.shardkit.core.metrics.ShardHealth;

/** Probes a shard's primary with {@code SELECT 1}, past its breaker, and reports what it found. */
final class HealthProbe {
    private final LongSupplier ticker;

    HealthProbe(LongSupplier ticker) {
        this.ticker = ticker;
    }

    ShardHealth probe(Shard shard) {
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
