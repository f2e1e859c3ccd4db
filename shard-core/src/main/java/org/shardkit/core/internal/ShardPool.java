package org.shardkit.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;

/**
 * One HikariCP pool and the Jdbi on top of it: a shard's primary or one replica. Thread-safe.
 */
public final class ShardPool implements AutoCloseable {
    private final String poolName;
    private final EndpointConfig endpoint;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    /**
     * Creates the pool; it does not connect until first used (the database checks shards itself).
     *
     * @param poolName the pool's name, e.g. {@code shardkit-social_0-primary}
     * @param endpoint where to connect
     * @param pool the pool settings
     * @param readOnly whether connections are read-only (replicas)
     * @param jdbiCustomizer plugins and mappers shared by every shard
     * @param registry where HikariCP's pool metrics go, or null for none
     * @param sqlLogger the slow-query logger for this shard
     */
    public ShardPool(
            String poolName,
            EndpointConfig endpoint,
            PoolConfig pool,
            boolean readOnly,
            Consumer<Jdbi> jdbiCustomizer,
            @Nullable MeterRegistry registry,
            SqlLogger sqlLogger) {
        this.poolName = poolName;
        this.endpoint = endpoint;
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(endpoint.url());
        hc.setUsername(endpoint.user());
        if (!endpoint.password().isEmpty()) {
            hc.setPassword(endpoint.password().reveal());
        }
        hc.setMaximumPoolSize(pool.maximumSize());
        hc.setMinimumIdle(pool.minimumIdle());
        hc.setConnectionTimeout(pool.connectionTimeout().toMillis());
        hc.setMaxLifetime(pool.maxLifetime().toMillis());
        hc.setIdleTimeout(pool.idleTimeout().toMillis());
        hc.setLeakDetectionThreshold(pool.leakDetectionThreshold().toMillis());
        hc.setReadOnly(readOnly);
        // Start without connecting: a shard that is down must not stop the pool object from existing;
        // the database decides (eager or lazy start) and reports every dead shard at once.
        hc.setInitializationFailTimeout(-1);
        hc.setRegisterMbeans(false);
        if (registry != null) {
            hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        this.dataSource = new HikariDataSource(hc);
        Jdbi j = Jdbi.create(dataSource);
        j.installPlugin(new SqlObjectPlugin());
        j.setSqlLogger(sqlLogger);
        jdbiCustomizer.accept(j);
        this.jdbi = j;
    }

    /** Returns the Jdbi over this pool. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Returns the pool itself. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Returns the pool's name. */
    public String poolName() {
        return poolName;
    }

    /** Returns the endpoint (its {@code toString} hides the password). */
    public EndpointConfig endpoint() {
        return endpoint;
    }

    /**
     * Retires every connection: idle ones now, busy ones when returned. Called when the server
     * dropped one of them, since the others are dead too.
     */
    public void evictConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx != null) {
            mx.softEvictConnections();
        }
    }

    /** Returns {@code {active, idle, waiting, max}}; zeros before the pool has started. */
    public int[] counts() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx == null) {
            return new int[] {0, 0, 0, dataSource.getMaximumPoolSize()};
        }
        return new int[] {
            mx.getActiveConnections(),
            mx.getIdleConnections(),
            mx.getThreadsAwaitingConnection(),
            dataSource.getMaximumPoolSize()
        };
    }

    /** Returns {@code active=A, idle=I, waiting=W, max=M} for messages. */
    public String state() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx == null) {
            return "pool not started";
        }
        return "active=" + mx.getActiveConnections() + ", idle=" + mx.getIdleConnections() + ", waiting="
                + mx.getThreadsAwaitingConnection() + ", max=" + dataSource.getMaximumPoolSize();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
