package org.shardkit.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.shardkit.testing.internal.RespClient;

/**
 * A JUnit 5 extension that gives a test class N real PostgreSQL shards, each its own server process
 * (embedded mode, the default), and optionally one real Redis. Servers start once per JVM, in
 * parallel, and are shared by all test classes; each class gets a fresh schema on every shard,
 * dropped after the class. Servers stop, and their data directories are deleted, at JVM exit.
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final ShardServersExtension servers = ShardServersExtension.builder()
 *             .shards(4)
 *             .redis()
 *             .serverSetting("max_prepared_transactions", "16")
 *             .build();
 *
 *     @Test
 *     void writes_land_on_each_shard() throws SQLException {
 *         try (Connection c = servers.shard(0).dataSource().getConnection()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The mode comes from the environment; see {@link TestEnvironment}. When the mode cannot
 * provide the servers, {@code beforeAll} fails at once with a {@link TestKitException} that names
 * the mode, the cause and how to choose another. In external mode, requested server settings that
 * the external servers do not have skip the class, and stopping a server skips the test.
 *
 * <p>Register it in a {@code static} field. Thread-safe for reads once {@code beforeAll} ran.
 */
public final class ShardServersExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final int shardCount;
    private final boolean withRedis;
    private final Map<String, String> serverSettings;
    private final @Nullable TestEnvironment environment;

    private volatile @Nullable State state;

    private static final class State {
        final ShardCluster cluster;
        final List<TestShard> shards;
        final @Nullable TestRedis redis;

        State(ShardCluster cluster, List<TestShard> shards, @Nullable TestRedis redis) {
            this.cluster = cluster;
            this.shards = List.copyOf(shards);
            this.redis = redis;
        }
    }

    private ShardServersExtension(Builder builder) {
        this.shardCount = builder.shardCount();
        this.withRedis = builder.withRedis();
        this.serverSettings = builder.serverSettings();
        this.environment = builder.configuredEnvironment();
    }

    /**
     * Returns a builder: one shard, no Redis, no extra server settings, environment from the
     * process's environment variables.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException, IOException {
        TestEnvironment env = environment != null ? environment : TestEnvironment.fromSystem();
        ShardCluster cluster = SharedClusters.acquire(env, serverSettings, shardCount, withRedis);
        List<String> unmet = cluster.unmetSettings(shardCount);
        Assumptions.assumeTrue(
                unmet.isEmpty(), () -> env.mode() + " mode: the servers lack settings this class asked for: " + unmet);
        String schema = schemaName(context.getRequiredTestClass());
        List<TestShard> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            PostgresServer server = cluster.server(i);
            if (server.isRestartable()) {
                server.start(); // a previous class may have left it stopped
            }
            try (Connection c = server.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                // Servers started read-only (replicas in tests) still get the class's schema.
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
                st.execute("CREATE SCHEMA " + schema);
            }
            shards.add(new TestShard(server, schema));
        }
        TestRedis redis = null;
        if (withRedis) {
            RedisServer server = cluster.redis();
            if (server.isRestartable()) {
                server.start();
                // The kit owns an embedded server: give each class an empty one.
                RespClient.call(server.host(), server.port(), server.password(), 5_000, "FLUSHALL");
            }
            redis = new TestRedis(server, schema + ":");
        }
        state = new State(cluster, shards, redis);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        State s = state;
        if (s != null) {
            restartStopped(s);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        State s = state;
        state = null;
        if (s == null) {
            return;
        }
        restartStopped(s);
        for (TestShard shard : s.shards) {
            try (Connection c = shard.server().dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
                st.execute("DROP SCHEMA IF EXISTS " + shard.schema() + " CASCADE");
            }
        }
    }

    /** A test that stopped a server must not leave it stopped for the next test or class. */
    private static void restartStopped(State s) {
        for (TestShard shard : s.shards) {
            if (shard.server().isRestartable() && !shard.server().isRunning()) {
                shard.server().start();
            }
        }
        TestRedis redis = s.redis;
        if (redis != null && redis.server().isRestartable() && !redis.server().isRunning()) {
            redis.server().start();
        }
    }

    private static String schemaName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (simple.length() > 40) {
            simple = simple.substring(0, 40);
        }
        return "sk_" + simple + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    private State state() {
        State s = state;
        if (s == null) {
            throw new IllegalStateException(
                    "the servers are not ready: register ShardServersExtension in a static field with"
                            + " @RegisterExtension, and use it only inside tests or lifecycle methods");
        }
        return s;
    }

    /** Returns the mode the servers come from. */
    public TestMode mode() {
        return state().cluster.mode();
    }

    /** Returns the shards, in index order. */
    public List<TestShard> shards() {
        return state().shards;
    }

    /**
     * Returns one shard.
     *
     * @param index the shard's position, from 0
     * @return the shard
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, shards)}
     */
    public TestShard shard(int index) {
        List<TestShard> shards = state().shards;
        if (index < 0 || index >= shards.size()) {
            throw new IllegalArgumentException("index must be in [0, " + shards.size() + "), but was " + index);
        }
        return shards.get(index);
    }

    /**
     * Returns the Redis server.
     *
     * @return the Redis server as this class sees it
     * @throws IllegalStateException if the extension was built without {@link Builder#redis()}
     */
    public TestRedis redis() {
        TestRedis redis = state().redis;
        if (redis == null) {
            throw new IllegalStateException("no Redis: build the extension with .redis()");
        }
        return redis;
    }

    /**
     * Skips the calling test, with a reason, unless shards' servers can be stopped and restarted here
     * (embedded mode).
     */
    public void assumeRestartableServers() {
        State s = state();
        Assumptions.assumeTrue(
                s.shards.stream().allMatch(sh -> sh.server().isRestartable()),
                () -> "stopping and restarting servers needs embedded mode, but the mode is " + s.cluster.mode());
    }

    /**
     * Skips the calling test, with a reason, unless every shard is a server process of its own
     * (embedded and Docker mode; in external mode shards may be databases on one server).
     */
    public void assumeDistinctServers() {
        State s = state();
        Assumptions.assumeTrue(
                s.cluster.mode() != TestMode.EXTERNAL,
                "external mode: shards may be databases on one server, not distinct servers");
    }

    /**
     * Builds a {@link ShardServersExtension}. Each setter validates its argument at once, and a
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
         * Builds the extension; servers start in the first {@code beforeAll}.
         *
         * @return the extension
         */
        public ShardServersExtension build() {
            return new ShardServersExtension(this);
        }
    }
}
