package org.shardkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * What routing costs on a primary-key SELECT: the same random-id lookup, on the same two embedded
 * PostgreSQL 15 shards (50,000 rows of {@code agent(id bigint primary key, name text)} each), through
 *
 * <ul>
 *   <li>{@code shardkit}: {@link ShardedDatabase#withShard} with a Jdbi query;
 *   <li>{@code rawJdbc}: the baseline, plain pgjdbc on one HikariCP pool per shard, the shard picked
 *       by hand with the same strategy, a statement prepared per call as a pool user would;
 *   <li>{@code shardingSphere}: Apache ShardingSphere-JDBC 5.5.2 (its SQL parser and router) over
 *       one HikariCP pool per shard.
 * </ul>
 *
 * <p>All three route identically: row {@code id} lives on shard {@code id % 2}, which is shardkit's
 * {@code modulo} strategy ({@code floorMod(id, 2)}) and ShardingSphere's built-in {@code INLINE}
 * algorithm {@code ds_${id % 2}} as the standard database strategy on {@code id} (ids are
 * positive, so {@code %} and {@code floorMod} agree). Every
 * pool has {@value #POOL_SIZE} connections (minimum idle = maximum), and all three run with the same
 * {@value #THREADS} client threads. Setup checks that each path finds a sample of rows, so a
 * mis-routed query fails the run instead of measuring an empty result.
 *
 * <p>Run (after {@code mvn -B -q -pl benchmarks -am package -DskipTests}): {@code java -jar
 * benchmarks/target/benchmarks.jar RoutingOverheadBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s}. Keep the
 * long warm-up: ShardingSphere (parser, Calcite, Groovy) and the Jdbi path were still speeding up
 * after 3 × 2 s here (ShardingSphere from about 1,300 to 16,000 ops/s), which the shorter
 * {@code -wi 3 -w 2s} would report as their speed.
 *
 * <p>Targets: {@code shardkit} ≥ 0.95 × {@code rawJdbc} and ≥ 1.2 × {@code shardingSphere}. The
 * three methods run one after another in one JVM; on this 2-core machine the two client threads and
 * the servers keep both cores busy, so the idle-CPU trap of {@code shared/BASELINES.md} applies
 * less than to single-connection latency, but compare only figures from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(RoutingOverheadBenchmark.THREADS)
@Fork(1)
public class RoutingOverheadBenchmark {
    /** Client threads for every method. */
    static final int THREADS = 2;

    private static final int SHARDS = 2;
    private static final int ROWS_PER_SHARD = 50_000;
    private static final int ROWS = SHARDS * ROWS_PER_SHARD;
    private static final int POOL_SIZE = 4;
    private static final String SELECT = "SELECT name FROM agent WHERE id = ?";
    private static final String SELECT_NAMED = "SELECT name FROM agent WHERE id = :id";

    private ShardCluster cluster;
    private ShardedDatabase db;
    private ShardStrategy strategy;
    private HikariDataSource[] rawPools;
    private final List<HikariDataSource> shardingSpherePools = new ArrayList<>();
    private DataSource shardingSphere;

    /**
     * Starts the shards, loads each with its half of the rows, and builds the three access paths.
     *
     * @throws SQLException if a server or ShardingSphere fails
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(SHARDS)
                .start();
        List<PostgresServer> servers = cluster.servers();
        for (PostgresServer server : servers) {
            try (Connection c = server.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS agent");
                st.execute("CREATE TABLE agent (id bigint PRIMARY KEY, name text NOT NULL)");
                // Row id lives on shard id % SHARDS: what all three paths route by.
                st.execute("INSERT INTO agent SELECT g, 'agent-' || g FROM generate_series(1, " + ROWS
                        + ") g WHERE g % " + SHARDS + " = " + server.index());
                st.execute("ANALYZE agent");
            }
        }

        // The same pool for all paths: fixed size, 1 s connection timeout, HikariCP defaults otherwise.
        db = ShardedDatabase.create(BenchmarkShards.modulo(servers, POOL_SIZE));
        strategy = db.strategy();

        rawPools = new HikariDataSource[SHARDS];
        Map<String, DataSource> shardingSphereSources = new LinkedHashMap<>();
        for (PostgresServer server : servers) {
            rawPools[server.index()] = pool("raw-" + server.index(), server);
            HikariDataSource ssPool = pool("shardingsphere-" + server.index(), server);
            shardingSpherePools.add(ssPool);
            shardingSphereSources.put("ds_" + server.index(), ssPool);
        }
        shardingSphere = ShardingSphereDataSourceFactory.createDataSource(
                "routing_bench", null, shardingSphereSources, List.of(shardingRule()), new Properties());

        for (long id = 1; id <= 200; id++) {
            String expected = "agent-" + id;
            check("shardkit", id, shardkit(id), expected);
            check("rawJdbc", id, rawJdbc(id), expected);
            check("shardingSphere", id, shardingSphere(id), expected);
        }
    }

    /**
     * ShardingSphere's rule: table {@code agent} on {@code ds_0}/{@code ds_1}, database chosen by the
     * built-in {@code INLINE} algorithm {@code ds_${id % 2}}. (The built-in {@code MOD} algorithm is
     * refused for a plain table in 5.5.2: "tables sharding configuration can not use auto sharding
     * algorithm"; it works only for auto tables, which rename the table per shard.)
     */
    private static ShardingRuleConfiguration shardingRule() {
        ShardingTableRuleConfiguration table =
                new ShardingTableRuleConfiguration("agent", "ds_${0.." + (SHARDS - 1) + "}.agent");
        table.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration("id", "agent_by_id"));
        Properties inline = new Properties();
        inline.setProperty("algorithm-expression", "ds_${id % " + SHARDS + "}");
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        rule.getTables().add(table);
        rule.getShardingAlgorithms().put("agent_by_id", new AlgorithmConfiguration("INLINE", inline));
        return rule;
    }

    private static HikariDataSource pool(String name, PostgresServer server) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(server.jdbcUrl());
        hc.setUsername(server.user());
        hc.setPassword(server.password());
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(POOL_SIZE);
        hc.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        hc.setRegisterMbeans(false);
        return new HikariDataSource(hc);
    }

    private static void check(String path, long id, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(path + " read id " + id + " as '" + actual + "', expected '" + expected
                    + "': routing differs between the benchmarked paths");
        }
    }

    /**
     * Closes every pool and stops the servers.
     *
     * @throws Exception if ShardingSphere fails to close
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (shardingSphere instanceof AutoCloseable closeable) {
            closeable.close();
        }
        for (HikariDataSource ds : shardingSpherePools) {
            ds.close();
        }
        if (rawPools != null) {
            for (HikariDataSource ds : rawPools) {
                if (ds != null) {
                    ds.close();
                }
            }
        }
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
    }

    /**
     * A primary-key SELECT of a random row through shardkit.
     *
     * @return the row's name
     */
    @Benchmark
    public String shardkit() {
        return shardkit(randomId());
    }

    private String shardkit(long id) {
        return db.withShard(
                ShardKey.of(id),
                h -> h.createQuery(SELECT_NAMED)
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
    }

    /**
     * The same SELECT through raw pgjdbc on a HikariCP pool per shard, routed by hand.
     *
     * @return the row's name
     * @throws SQLException if the server fails
     */
    @Benchmark
    public String rawJdbc() throws SQLException {
        return rawJdbc(randomId());
    }

    private String rawJdbc(long id) throws SQLException {
        try (Connection c = rawPools[strategy.route(id)].getConnection()) {
            return selectName(c, id);
        }
    }

    /**
     * The same SELECT through ShardingSphere-JDBC, which parses the SQL and routes by its rule.
     *
     * @return the row's name
     * @throws SQLException if the server or ShardingSphere fails
     */
    @Benchmark
    public String shardingSphere() throws SQLException {
        return shardingSphere(randomId());
    }

    private String shardingSphere(long id) throws SQLException {
        try (Connection c = shardingSphere.getConnection()) {
            return selectName(c, id);
        }
    }

    private static String selectName(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no agent " + id);
                }
                return rs.getString(1);
            }
        }
    }
}
