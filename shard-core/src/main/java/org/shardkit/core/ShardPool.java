package org.shardkit.core;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
final class ShardPool implements AutoCloseable {
    private final String poolName;
    private final EndpointConfig endpoint;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** The threads HikariCP made for this pool (connection adder, closer, housekeeper). */
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();

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
    ShardPool(
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
        applySession(hc, pool, poolName);
        // Start without connecting: a shard that is down must not stop the pool object from existing;
        // the database decides (eager or lazy start) and reports every dead shard at once.
        hc.setInitializationFailTimeout(-1);
        hc.setRegisterMbeans(false);
        if (registry != null) {
            hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        hc.setThreadFactory(r -> {
            Thread t = new Thread(
                    () -> {
                        try {
                            r.run();
                        } finally {
                            poolThreads.remove(Thread.currentThread());
                        }
                    },
                    poolName + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            poolThreads.add(t);
            return t;
        });
        this.dataSource = new HikariDataSource(hc);
        Jdbi j = Jdbi.create(dataSource);
        j.installPlugin(new SqlObjectPlugin());
        j.setSqlLogger(sqlLogger);
        jdbiCustomizer.accept(j);
        this.jdbi = j;
    }

    /**
     * Sets what every new connection's session starts with, as pgjdbc startup parameters so that no
     * borrow pays a round trip: the application name, the connect and login timeouts and {@code
     * statement_timeout}. The time zone is the exception: pgjdbc always sends the JVM's own as a
     * startup parameter, which the server applies after {@code options}, so it is set by one {@code
     * SET TIME ZONE} when HikariCP opens the connection, still never per borrow.
     */
    private static void applySession(HikariConfig hc, PoolConfig pool, String poolName) {
        String applicationName = pool.applicationName();
        hc.addDataSourceProperty("ApplicationName", applicationName != null ? applicationName : poolName);
        String seconds = String.valueOf(pool.connectTimeout().toSeconds());
        hc.addDataSourceProperty("connectTimeout", seconds);
        hc.addDataSourceProperty("loginTimeout", seconds);
        if (!pool.statementTimeout().isZero()) {
            hc.addDataSourceProperty(
                    "options", "-c statement_timeout=" + pool.statementTimeout().toMillis());
        }
        java.time.ZoneId zone = pool.timeZone();
        if (zone != null) {
            // A region id (the config refuses offsets) holds only [A-Za-z0-9/_+-]: safe inside quotes.
            hc.setConnectionInitSql("SET TIME ZONE '" + zone.getId() + "'");
        }
    }

    /** Returns the Jdbi over this pool. */
    Jdbi jdbi() {
        return jdbi;
    }

    /** Returns the pool itself. */
    HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the pool's connection timeout in whole seconds, rounded up, at least 1: the limit for
     * {@code Connection.isValid} and probe statements, which count in seconds.
     */
    int validationTimeoutSeconds() {
        long ms = dataSource.getConnectionTimeout();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
    }

    /** Returns the pool's name. */
    String poolName() {
        return poolName;
    }

    /** Returns the endpoint (its {@code toString} hides the password). */
    EndpointConfig endpoint() {
        return endpoint;
    }

    /**
     * Retires every connection: idle ones now, busy ones when returned. Called when the server
     * dropped one of them, since the others are dead too.
     */
    void evictConnections() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx != null) {
            mx.softEvictConnections();
        }
    }

    /** Returns the pool's connection counts; zeros before the pool has started. */
    Counts counts() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        int max = dataSource.getMaximumPoolSize();
        if (mx == null) {
            return new Counts(0, 0, 0, max, false);
        }
        return new Counts(
                mx.getActiveConnections(), mx.getIdleConnections(), mx.getThreadsAwaitingConnection(), max, true);
    }

    /** Returns {@code active=A, idle=I, waiting=W, max=M} for messages. */
    String state() {
        return counts().toString();
    }

    /**
     * A pool's connection counts at one moment.
     *
     * @param active connections in use
     * @param idle idle connections
     * @param waiting threads waiting for a connection
     * @param maximum the pool's maximum size
     * @param started whether the pool has started (before, every count is zero)
     */
    record Counts(int active, int idle, int waiting, int maximum, boolean started) {
        @Override
        public String toString() {
            if (!started) {
                return "pool not started, max=" + maximum;
            }
            return "active=" + active + ", idle=" + idle + ", waiting=" + waiting + ", max=" + maximum;
        }
    }

    @Override
    public void close() {
        // HikariCP's shutdown waits for its connection adder only as long as the login timeout, and
        // does not interrupt it: an adder sleeping in its back-off (up to 5 s) after failing to reach
        // a dead shard outlives that wait, and HikariCP logs "Timed-out waiting for add connection
        // executor to shutdown". So close on a thread of its own and, once the shutdown has begun,
        // wake the pool's threads: the adder then sees the pool is shutting down and stops.
        Thread closing = new Thread(dataSource::close, poolName + "-close");
        closing.setDaemon(true);
        closing.start();
        boolean interrupted = false;
        while (closing.isAlive()) {
            if (dataSource.isClosed()) {
                poolThreads.forEach(Thread::interrupt);
            }
            try {
                closing.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
