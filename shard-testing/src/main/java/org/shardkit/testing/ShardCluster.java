package org.shardkit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.shardkit.testing.internal.DockerServers;
import org.shardkit.testing.internal.EmbeddedPostgresServer;
import org.shardkit.testing.internal.EmbeddedRedisServer;
import org.shardkit.testing.internal.ExternalPostgresServer;
import org.shardkit.testing.internal.ExternalRedisServer;

/**
 * N PostgreSQL shards and optionally one Redis, started (or, in external mode, connected to) as the
 * {@link TestEnvironment} says. JUnit tests use {@link ShardServersExtension}, which shares one
 * cluster per JVM; examples and benchmarks may start one directly:
 *
 * <pre>{@code
 * try (ShardCluster cluster = ShardCluster.builder()
 *         .environment(TestEnvironment.embedded())
 *         .shards(3)
 *         .redis()
 *         .start()) {
 *     String url = cluster.server(0).jdbcUrl();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops every server the cluster started and deletes its data.
 */
public final class ShardCluster implements AutoCloseable {
    private final TestEnvironment environment;
    private final Map<String, String> serverSettings;
    private final List<PostgresServer> servers = new ArrayList<>();
    private @Nullable RedisServer redis;
    private boolean closed;

    private ShardCluster(TestEnvironment environment, Map<String, String> serverSettings) {
        this.environment = environment;
        this.serverSettings = Map.copyOf(serverSettings);
    }

    /**
     * Returns a builder; by default the environment comes from {@link TestEnvironment#fromSystem()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the environment the cluster was started in. */
    public TestEnvironment environment() {
        return environment;
    }

    /** Returns the mode the cluster's servers come from. */
    public TestMode mode() {
        return environment.mode();
    }

    /** Returns the server settings every embedded or Docker server was started with. */
    public Map<String, String> serverSettings() {
        return serverSettings;
    }

    /** Returns the shards, in index order. */
    public synchronized List<PostgresServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * Returns one shard.
     *
     * @param index the shard's position, from 0
     * @return the shard
     * @throws IllegalArgumentException if there is no such shard
     */
    public synchronized PostgresServer server(int index) {
        if (index < 0 || index >= servers.size()) {
            throw new IllegalArgumentException("index must be in [0, " + servers.size() + "), but was " + index);
        }
        return servers.get(index);
    }

    /**
     * Returns the Redis server.
     *
     * @return the Redis server
     * @throws IllegalStateException if the cluster was built without {@link Builder#redis()}
     */
    public synchronized RedisServer redis() {
        RedisServer r = redis;
        if (r == null) {
            throw new IllegalStateException("this cluster has no Redis: build it with .redis()");
        }
        return r;
    }

    /**
     * Starts (or connects to) shards until there are at least {@code count}, in parallel.
     *
     * @param count the number of shards wanted
     * @throws TestKitException if a server cannot be provided
     */
    synchronized void ensureShards(int count) {
        checkOpen();
        int have = servers.size();
        if (count <= have) {
            return;
        }
        if (mode() == TestMode.EXTERNAL
                && count > environment.externalJdbcUrls().size()) {
            throw new TestKitException("external mode: " + count + " shards were asked for, but "
                    + TestEnvironment.PG_URLS + " names only "
                    + environment.externalJdbcUrls().size()
                    + "; add URLs, or " + TestEnvironment.howToChoose());
        }
        if (mode() == TestMode.DOCKER) {
            requireDocker();
        }
        ExecutorService pool = Executors.newFixedThreadPool(count - have, r -> {
            Thread t = new Thread(r, "shardkit-server-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PostgresServer>> starts = new ArrayList<>();
            for (int i = have; i < count; i++) {
                int index = i;
                starts.add(pool.submit(() -> startPostgres(index)));
            }
            List<PostgresServer> started = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<PostgresServer> start : starts) {
                try {
                    started.add(start.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (failure == null) {
                        failure = cause instanceof RuntimeException
                                ? (RuntimeException) cause
                                : new TestKitException(mode() + " mode: a shard could not start: " + cause, cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new TestKitException("interrupted while starting shards", e);
                    break;
                }
            }
            if (failure != null) {
                started.forEach(ShardCluster::destroy);
                throw failure;
            }
            servers.addAll(started);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts (or connects to) the Redis server if there is none yet.
     *
     * @throws TestKitException if Redis cannot be provided
     */
    synchronized void ensureRedis() {
        checkOpen();
        if (redis != null) {
            return;
        }
        switch (mode()) {
            case EMBEDDED:
                redis = EmbeddedRedisServer.launch();
                break;
            case EXTERNAL:
                java.net.URI uri = environment.externalRedisUri();
                if (uri == null) {
                    throw new TestKitException("external mode: Redis was asked for, but " + TestEnvironment.REDIS_URL
                            + " is not set (e.g. redis://127.0.0.1:6379); set it, or "
                            + TestEnvironment.howToChoose());
                }
                redis = ExternalRedisServer.connect(uri);
                break;
            case DOCKER:
                requireDocker();
                redis = DockerServers.startRedis(environment.redisImage());
                break;
        }
    }

    private PostgresServer startPostgres(int index) {
        switch (mode()) {
            case EMBEDDED:
                return EmbeddedPostgresServer.launch(index, serverSettings);
            case EXTERNAL:
                return ExternalPostgresServer.connect(
                        index,
                        environment.externalJdbcUrls().get(index),
                        environment.externalUser(),
                        environment.externalPassword());
            case DOCKER:
                return DockerServers.startPostgres(index, environment.postgresImage(), serverSettings);
        }
        throw new AssertionError(mode());
    }

    private static void requireDocker() {
        try {
            DockerServers.requireDocker();
        } catch (NoClassDefFoundError e) {
            throw new TestKitException(
                    "docker mode: Testcontainers is not on the test classpath (add"
                            + " org.testcontainers:testcontainers-postgresql); " + TestEnvironment.howToChoose(),
                    e);
        }
    }

    /**
     * Returns the requested server settings that an external shard does not have, as
     * {@code "shard N: key is 'actual', wanted 'expected'"}. Embedded and Docker servers were started
     * with the settings, so the list is empty for them.
     *
     * @param shardCount how many shards to check
     * @return the unmet settings; empty if all are met
     */
    synchronized List<String> unmetSettings(int shardCount) {
        List<String> unmet = new ArrayList<>();
        if (mode() != TestMode.EXTERNAL || serverSettings.isEmpty()) {
            return unmet;
        }
        for (int i = 0; i < shardCount; i++) {
            PostgresServer server = servers.get(i);
            try (Connection c = server.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT current_setting(?, true)")) {
                for (Map.Entry<String, String> e : serverSettings.entrySet()) {
                    ps.setString(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String actual = rs.getString(1);
                        if (!e.getValue().equals(actual)) {
                            unmet.add("shard " + i + ": " + e.getKey() + " is '" + actual + "', wanted '" + e.getValue()
                                    + "'");
                        }
                    }
                }
            } catch (SQLException e) {
                unmet.add("shard " + i + ": settings unreadable: " + e.getMessage());
            }
        }
        return unmet;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ShardCluster is closed");
        }
    }

    private static void destroy(PostgresServer server) {
        if (server instanceof EmbeddedPostgresServer) {
            ((EmbeddedPostgresServer) server).destroy();
        }
    }

    /** Stops every server this cluster started and deletes its data; external servers are left alone. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        servers.forEach(ShardCluster::destroy);
        RedisServer r = redis;
        if (r instanceof EmbeddedRedisServer) {
            ((EmbeddedRedisServer) r).destroy();
        }
    }

    @Override
    public synchronized String toString() {
        return "ShardCluster{mode=" + mode() + ", servers=" + servers + ", redis=" + redis + "}";
    }

    /**
     * Builds and starts a {@link ShardCluster}. Each setter validates its argument at once, and a
     * setting given twice with different values is an {@link IllegalStateException}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder extends ServersSpec<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Starts the servers (in parallel) and returns the running cluster.
         *
         * @return the cluster
         * @throws TestKitException naming the mode and the cause if a server cannot be provided
         */
        public ShardCluster start() {
            TestEnvironment configured = configuredEnvironment();
            TestEnvironment env = configured != null ? configured : TestEnvironment.fromSystem();
            ShardCluster cluster = new ShardCluster(env, serverSettings());
            try {
                cluster.ensureShards(shardCount());
                if (withRedis()) {
                    cluster.ensureRedis();
                }
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }
}
