package org.shardkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.shardkit.core.ShardId;
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
 *   <li>{@code rawJdbc}: the baseline, plain pgjdbc on one HikariCP pool per shard, the shard picked
 *       by hand with the same strategy, a statement prepared per call as a pool user would;
 *   <li>{@code shardkitJdbc}: the same JDBC code inside {@link ShardedDatabase#withConnection}, so
 *       the difference is shardkit's routing, guard (breaker, bulkheads, timer) and error handling;
 *   <li>{@code jdbi}: plain Jdbi 3 on one HikariCP pool per shard, routed by hand, a fluent query
 *       ({@code createQuery(..).bind(..).mapTo(String.class).one()}) on a handle per call;
 *   <li>{@code shardkitJdbi}: the same fluent query inside {@link ShardedDatabase#withShard};
 *   <li>{@code shardingSphere}: Apache ShardingSphere-JDBC 5.5.2 (its SQL parser and router) over
 *       one HikariCP pool per shard, with the JDBC code of {@code rawJdbc}.
 * </ul>
 *
 * <p>All route identically: row {@code id} lives on shard {@code id % 2}, which is shardkit's
 * {@code modulo} strategy ({@code floorMod(id, 2)}) and ShardingSphere's built-in {@code INLINE}
 * algorithm {@code ds_${id % 2}} as the standard database strategy on {@code id} (ids are
 * positive, so {@code %} and {@code floorMod} agree). Every pool has {@value #POOL_SIZE}
 * connections (minimum idle = maximum). Setup checks that each path finds a sample of rows, so a
 * mis-routed query fails the run instead of measuring an empty result.
 *
 * <p>Two kinds of measurement:
 *
 * <ul>
 *   <li>The five methods above, each alone with {@value #THREADS} client threads, one after another
 *       in one JVM: the setup. On this 2-core machine the figures drift by tens of percent
 *       between iterations (the servers and the client share the cores), so a ratio of two of them
 *       carries the drift of both.
 *   <li>Interleaved: each of the {@value #THREADS} threads alternates two paths call by
 *       call (which goes first alternates too) on the same HikariCP pool, shardkit's, so both see the
 *       same machine, the same connection and the same server backend at every instant; the {@link
 *       PathTimes} counters give the time spent in each, and {@code baselineNanos / shardkitNanos} is
 *       shardkit's throughput relative to its baseline. {@link #interleaved} takes the pair as a
 *       parameter ({@link Pair}): {@code jdbc}, raw pgjdbc vs {@code withConnection}; {@code
 *       metered}, the same on a database with a {@link SimpleMeterRegistry}, so each call records
 *       into a percentile timer as in production; {@code jdbi}, plain Jdbi vs {@code withShard};
 *       {@code fluent}, raw pgjdbc vs {@code withShard} with a fluent Jdbi query (Jdbi's own cost
 *       included). Its primary score
 *       (pairs of calls per second) is not a figure to compare. (Thread pairs, one path per thread
 *       in a JMH group, were tried first: each thread and its server backend settle on cores for the
 *       whole fork, and the pair ratio swung between 0.6 and 1.7 from fork to fork.)
 * </ul>
 *
 * <p>Run (after {@code mvn -B -q -pl benchmarks -am package -DskipTests}): {@code java -jar
 * benchmarks/target/benchmarks.jar RoutingOverheadBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s -rf json}, and
 * for the interleaved ratios across forks, {@code java -jar benchmarks/target/benchmarks.jar
 * 'RoutingOverheadBenchmark.interleaved' -f 5 -wi 3 -w 5s -i 3 -r 5s -rf json}; {@code python3
 * benchmarks/ratios.py jmh-result.json} prints the ratios. Keep the
 * long warm-up: ShardingSphere (parser, Calcite, Groovy) and the Jdbi path were still speeding up
 * after 3 × 2 s here (ShardingSphere from about 1,300 to 16,000 ops/s), which the shorter
 * {@code -wi 3 -w 2s} would report as their speed.
 *
 * <p>Targets: shardkit ≥ 0.95 × {@code rawJdbc} and ≥ 1.2 × {@code shardingSphere}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(RoutingOverheadBenchmark.THREADS)
@Fork(1)
public class RoutingOverheadBenchmark {
    /** Client threads for every method that runs alone. */
    static final int THREADS = 2;

    private static final int SHARDS = 2;
    private static final int ROWS_PER_SHARD = 50_000;
    private static final int ROWS = SHARDS * ROWS_PER_SHARD;
    private static final int POOL_SIZE = 4;
    private static final String SELECT = "SELECT name FROM agent WHERE id = ?";
    private static final String SELECT_NAMED = "SELECT name FROM agent WHERE id = :id";

    private ShardCluster cluster;
    private ShardedDatabase db;
    private ShardedDatabase meteredDb;
    private ShardStrategy strategy;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private HikariDataSource[] rawPools;
    private Jdbi[] jdbis;
    private DataSource shardingSphere;
    private Path sharedRaw;
    private Path sharedJdbi;
    private Path viaShardkitJdbc;
    private Path viaShardkitJdbi;
    private Path meteredRaw;
    private Path viaMeteredShardkitJdbc;

    /**
     * Starts the shards, loads each with its half of the rows, and builds the access paths.
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
                // Row id lives on shard id % SHARDS: what all paths route by.
                st.execute("INSERT INTO agent SELECT g, 'agent-' || g FROM generate_series(1, " + ROWS
                        + ") g WHERE g % " + SHARDS + " = " + server.index());
                st.execute("ANALYZE agent");
            }
        }

        // The same pool for all paths: fixed size, 1 s connection timeout, HikariCP defaults otherwise.
        db = ShardedDatabase.create(BenchmarkShards.modulo(servers, POOL_SIZE));
        meteredDb = ShardedDatabase.builder(BenchmarkShards.modulo(servers, POOL_SIZE))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        strategy = db.strategy();

        rawPools = new HikariDataSource[SHARDS];
        jdbis = new Jdbi[SHARDS];
        Map<String, DataSource> shardingSphereSources = new LinkedHashMap<>();
        for (PostgresServer server : servers) {
            rawPools[server.index()] = pool("raw-" + server.index(), server);
            // Plain Jdbi with the plugin shardkit installs too (it does not touch fluent queries).
            jdbis[server.index()] =
                    Jdbi.create(pool("jdbi-" + server.index(), server)).installPlugin(new SqlObjectPlugin());
            shardingSphereSources.put("ds_" + server.index(), pool("shardingsphere-" + server.index(), server));
        }
        shardingSphere = ShardingSphereBaseline.agentsById("routing_bench", shardingSphereSources);

        // The interleaved baselines borrow from shardkit's own pools (same size, same server
        // backends), so the two paths they alternate differ only in the code between.
        DataSource[] shared = new DataSource[SHARDS];
        DataSource[] sharedMetered = new DataSource[SHARDS];
        Jdbi[] sharedJdbis = new Jdbi[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shared[i] = db.primaryDataSource(ShardId.of(i));
            sharedMetered[i] = meteredDb.primaryDataSource(ShardId.of(i));
            sharedJdbis[i] = Jdbi.create(shared[i]).installPlugin(new SqlObjectPlugin());
        }
        sharedRaw = id -> rawJdbc(shared, id);
        meteredRaw = id -> rawJdbc(sharedMetered, id);
        sharedJdbi = id -> sharedJdbis[strategy.route(id)].withHandle(h -> selectNamed(h, id));
        viaShardkitJdbc = id -> shardkitJdbc(db, id);
        viaMeteredShardkitJdbc = id -> shardkitJdbc(meteredDb, id);
        viaShardkitJdbi = this::shardkitJdbi;

        for (long id = 1; id <= 200; id++) {
            String expected = "agent-" + id;
            check("rawJdbc on shardkit's pool", id, sharedRaw.read(id), expected);
            check("jdbi on shardkit's pool", id, sharedJdbi.read(id), expected);
            check("rawJdbc", id, rawJdbc(id), expected);
            check("shardkitJdbc", id, shardkitJdbc(db, id), expected);
            check("shardkitJdbc (metered)", id, shardkitJdbc(meteredDb, id), expected);
            check("jdbi", id, jdbi(id), expected);
            check("shardkitJdbi", id, shardkitJdbi(id), expected);
            check("shardingSphere", id, shardingSphere(id), expected);
        }
    }

    private HikariDataSource pool(String name, PostgresServer server) {
        HikariDataSource ds = BenchmarkShards.fixedPool(name, server, POOL_SIZE);
        pools.add(ds);
        return ds;
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
        for (HikariDataSource ds : pools) {
            ds.close();
        }
        for (ShardedDatabase d : new ShardedDatabase[] {db, meteredDb}) {
            if (d != null) {
                d.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
    }

    // ------------------------------------------------------------ each path alone, THREADS threads

    /**
     * The baseline: a primary-key SELECT through raw pgjdbc on a HikariCP pool per shard, routed by
     * hand.
     *
     * @return the row's name
     * @throws SQLException if the server fails
     */
    @Benchmark
    public String rawJdbc() throws SQLException {
        return rawJdbc(randomId());
    }

    /**
     * The same JDBC code through {@link ShardedDatabase#withConnection}.
     *
     * @return the row's name
     * @throws SQLException never: shardkit translates it
     */
    @Benchmark
    public String shardkitJdbc() throws SQLException {
        return shardkitJdbc(db, randomId());
    }

    /**
     * A fluent Jdbi query through plain Jdbi on a HikariCP pool per shard, routed by hand.
     *
     * @return the row's name
     */
    @Benchmark
    public String jdbi() {
        return jdbi(randomId());
    }

    /**
     * The same fluent Jdbi query through {@link ShardedDatabase#withShard}.
     *
     * @return the row's name
     */
    @Benchmark
    public String shardkitJdbi() {
        return shardkitJdbi(randomId());
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

    // ------------------------------------------------------------ interleaved: both paths in one thread

    /** One way to read a row's name, for {@link #interleaved}. */
    @FunctionalInterface
    private interface Path {
        String read(long id) throws SQLException;
    }

    /**
     * Per thread, the time spent in each of the two paths {@link #interleaved} alternates. JMH
     * reports the totals per iteration (summed over threads); both paths ran the same number of
     * times, so {@code baselineNanos / shardkitNanos} is shardkit's throughput relative to the
     * baseline's.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PathTimes {
        /** Nanoseconds spent in the baseline path this iteration. */
        public long baselineNanos;

        /** Nanoseconds spent in shardkit's path this iteration. */
        public long shardkitNanos;

        private boolean shardkitFirst;

        /** Zeroes the counters: JMH does not. */
        @Setup(Level.Iteration)
        public void reset() {
            baselineNanos = 0;
            shardkitNanos = 0;
        }
    }

    /** Which two paths {@link #interleaved} alternates. */
    @State(Scope.Benchmark)
    public static class Pair {
        /**
         * {@code jdbc}: raw pgjdbc vs {@code withConnection}; {@code metered}: the same on a database
         * with a {@link SimpleMeterRegistry}; {@code jdbi}: plain Jdbi vs {@code withShard}; {@code
         * fluent}: raw pgjdbc vs {@code withShard} with a fluent Jdbi query.
         */
        @Param({"jdbc", "metered", "jdbi", "fluent"})
        public String pair;

        private Path baseline;
        private Path shardkit;

        /**
         * Picks the two paths from the benchmark's.
         *
         * @param b the benchmark, set up first
         */
        @Setup(Level.Trial)
        public void choose(RoutingOverheadBenchmark b) {
            switch (pair) {
                case "jdbc" -> set(b.sharedRaw, b.viaShardkitJdbc);
                case "metered" -> set(b.meteredRaw, b.viaMeteredShardkitJdbc);
                case "jdbi" -> set(b.sharedJdbi, b.viaShardkitJdbi);
                case "fluent" -> set(b.sharedRaw, b.viaShardkitJdbi);
                default ->
                    throw new IllegalArgumentException(
                            "pair must be jdbc, metered, jdbi or fluent, but was '" + pair + "'");
            }
        }

        private void set(Path baselinePath, Path shardkitPath) {
            baseline = baselinePath;
            shardkit = shardkitPath;
        }
    }

    /**
     * The pair's two paths alternately, both on the same pool (shardkit's), so on the same server
     * backends; which goes first alternates too, so neither always finds the connection or row cache
     * warmer.
     *
     * @param pair the two paths
     * @param times where the time of each path goes
     * @param bh takes both results
     * @throws SQLException if the server fails
     */
    @Benchmark
    public void interleaved(Pair pair, PathTimes times, Blackhole bh) throws SQLException {
        boolean shardkitFirst = !times.shardkitFirst;
        times.shardkitFirst = shardkitFirst;
        Path first = shardkitFirst ? pair.shardkit : pair.baseline;
        Path second = shardkitFirst ? pair.baseline : pair.shardkit;
        long t0 = System.nanoTime();
        bh.consume(first.read(randomId()));
        long t1 = System.nanoTime();
        bh.consume(second.read(randomId()));
        long t2 = System.nanoTime();
        if (shardkitFirst) {
            times.shardkitNanos += t1 - t0;
            times.baselineNanos += t2 - t1;
        } else {
            times.baselineNanos += t1 - t0;
            times.shardkitNanos += t2 - t1;
        }
    }

    // ------------------------------------------------------------ the paths

    private String rawJdbc(long id) throws SQLException {
        return rawJdbc(rawPools, id);
    }

    private String rawJdbc(DataSource[] pools, long id) throws SQLException {
        try (Connection c = pools[strategy.route(id)].getConnection()) {
            return selectName(c, id);
        }
    }

    private static String shardkitJdbc(ShardedDatabase on, long id) {
        return on.withConnection(ShardKey.of(id), c -> selectName(c, id));
    }

    private String jdbi(long id) {
        return jdbis[strategy.route(id)].withHandle(h -> selectNamed(h, id));
    }

    private String shardkitJdbi(long id) {
        return db.withShard(ShardKey.of(id), h -> selectNamed(h, id));
    }

    private String shardingSphere(long id) throws SQLException {
        try (Connection c = shardingSphere.getConnection()) {
            return selectName(c, id);
        }
    }

    private static String selectNamed(Handle h, long id) {
        return h.createQuery(SELECT_NAMED).bind("id", id).mapTo(String.class).one();
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
