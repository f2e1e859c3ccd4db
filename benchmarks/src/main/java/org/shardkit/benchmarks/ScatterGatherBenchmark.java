package org.shardkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.Merge;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * What shardkit's scatter engine costs beside the same fan-out written by hand, and whether a
 * cross-shard top-k takes about as long as one shard, not the sum of all shards: the same
 * top-{@value #K} query over 4 embedded PostgreSQL 15 shards, through
 *
 * <ul>
 *   <li>{@code scatter} (ours): {@link ShardedDatabase#scatter} on all shards, then {@link
 *       Merge#topK} of the 4 sorted lists;
 *   <li>{@code handRolled} (the baseline for the engine): one {@link CompletableFuture} per shard,
 *       each running the query through a plain {@link Jdbi} over that shard's pool in the same
 *       database ({@link ShardedDatabase#primaryDataSource}, so the same connections and server
 *       backends), on a fixed pool of {@value #FAN_OUT_THREADS} threads, the size of shardkit's
 *       default scatter executor ({@code max(4, min(64, 2 × shards))}), joined, then the same
 *       merge. What it leaves out is what the engine adds: the per-shard guard (breaker,
 *       bulkheads, timers), the deadline (a query timeout on each statement, cancellation) and the
 *       failure policy;
 *   <li>{@code interleaved}: {@code scatter} and {@code handRolled} alternately in one method, on the
 *       same mask, which goes first alternating, so both see the same machine at every instant; the
 *       {@link PathTimes} counters {@code scatterNanos} and {@code handRolledNanos} give the time
 *       in each, and their quotient is the engine's cost as time per op. Its primary score (the
 *       time of one pair) is not a figure to compare;
 *   <li>{@code sequential} (the seed's way): {@link ShardedDatabase#withShardId} on each shard one
 *       after another, then the same merge;
 *   <li>{@code singleShard}: the same query on shard 0 only, the floor a scatter is judged against.
 * </ul>
 *
 * <p>Data: every shard holds {@value #ROWS_PER_SHARD} rows of {@code agent(id bigint primary key,
 * score int, interests int, name text)} with an index on {@code (score DESC, id)}. Row {@code g} of
 * a shard has {@code id = 4g + shard}; its {@code score} and {@code interests} are a hash of {@code
 * g} alone, so every shard holds the same scores and interests and does exactly the same work for a
 * given mask (only the ids differ). Each of the 31 interest bits is set on 1 row in 200.
 *
 * <p>The per-shard query is {@code SELECT id, score FROM agent WHERE interests & :mask <> 0 ORDER BY
 * score DESC, id LIMIT 20}, with a one-bit mask. The planner walks the score index (it cannot know
 * the bitwise filter is selective) and discards about 3,700 rows per shard on average over the
 * masks before it has 20: about 1–2 ms of CPU per shard by {@code EXPLAIN ANALYZE} on this 2-core
 * machine, more when it is busy. Setup prints the mean {@code EXPLAIN ANALYZE} execution time of
 * each shard over the masks and fails if a shard does not use the index. Each invocation takes the
 * next of {@value #MASKS} masks (bits 0 to 15) in a fixed cycle, the same for every method.
 * Servers run with {@code max_parallel_workers_per_gather=0}, so each shard's query is one backend
 * and the parallelism measured is the client's fan-out, not PostgreSQL's.
 *
 * <p>{@code workload}: {@code cpu}, the query above, CPU-bound on this machine's 2 cores. {@code
 * cpuPlusSleep2ms}, the I/O-bound case: the same query preceded, in the same statement, by {@code
 * pg_sleep(0.002)}, a shard whose answer waits on something other than this machine's cores (I/O, a
 * remote host). Both workloads run every method, so one run gives {@code scatter} against {@code
 * handRolled} for each.
 *
 * <p>Run (after {@code mvn -B -q -pl benchmarks -am package -DskipTests}): {@code java -jar
 * benchmarks/target/benchmarks.jar ScatterGatherBenchmark -f 1 -wi 3 -w 2s -i 10 -r 2s -rf json};
 * {@code python3 benchmarks/ratios.py jmh-result.json} prints {@code scatter/handRolled} (time per
 * op) from the interleaved counters and from the methods run alone. Add {@code -p workload=cpu} for
 * one workload only, or name methods with a regular expression ({@code
 * 'ScatterGatherBenchmark.(scatter|handRolled|interleaved)$'}).
 *
 * <p>Targets: {@code scatter} ≤ 1.1 × {@code handRolled} (time per op) for both workloads, the
 * measure of the engine itself; {@code scatter} ≤ 1.3 × {@code singleShard}, and {@code scatter} <
 * {@code sequential}. On a 2-core machine four CPU-bound shard queries cannot all run at once, so the
 * ideal {@code scatter}/{@code singleShard} ratio for {@code cpu} is about 2, not 1: that ratio
 * measures the cores, and {@code handRolled} suffers the same. The idle-CPU trap of
 * {@code shared/BASELINES.md} applies to {@code singleShard} and {@code sequential} (one backend busy
 * at a time): compare only figures from one run, and say what else the machine was running ({@code
 * cat /proc/loadavg}).
 *
 * <p>Not thread-safe; JMH runs it on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScatterGatherBenchmark {
    private static final int SHARDS = 4;
    private static final int ROWS_PER_SHARD = 200_000;
    private static final int POOL_SIZE = 4;
    private static final int K = 20;
    private static final int MASKS = 16;
    /** Threads of the hand-rolled fan-out: what shardkit's default scatter executor has for 4 shards. */
    private static final int FAN_OUT_THREADS = Math.max(4, Math.min(64, 2 * SHARDS));
    /** One row in this many has a given interest bit. */
    private static final int INTEREST_RARITY = 200;

    private static final String TOP_K =
            "SELECT id, score FROM agent WHERE interests & :mask <> 0 ORDER BY score DESC, id LIMIT :k";
    private static final String TOP_K_AFTER_SLEEP = "WITH pause AS MATERIALIZED (SELECT pg_sleep(0.002))"
            + " SELECT id, score FROM agent, pause WHERE interests & :mask <> 0 ORDER BY score DESC, id LIMIT :k";

    private static final Comparator<Row> BY_SCORE_DESC =
            Comparator.comparingInt(Row::score).reversed().thenComparingLong(Row::id);

    /**
     * One result row.
     *
     * @param id the agent's id
     * @param score its score
     */
    record Row(long id, int score) {}

    /** The per-shard work: {@code cpu} (CPU-bound) or {@code cpuPlusSleep2ms} (I/O-bound). */
    @Param({"cpu", "cpuPlusSleep2ms"})
    public String workload;

    private final int[] masks = new int[MASKS];
    private int nextMask;
    private String query;
    private ShardCluster cluster;
    private ShardedDatabase db;
    private List<ShardId> shardIds;
    private ScatterRequest allShards;
    private Jdbi[] shardJdbis;
    private ExecutorService fanOut;
    private int pairs;

    /**
     * Starts the shards, loads them, checks the plan and cost on each, and builds the database.
     *
     * @throws SQLException if a server fails
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        query = switch (workload) {
            case "cpu" -> TOP_K;
            case "cpuPlusSleep2ms" -> TOP_K_AFTER_SLEEP;
            default ->
                throw new IllegalArgumentException("workload must be cpu or cpuPlusSleep2ms, but was " + workload);
        };
        for (int i = 0; i < MASKS; i++) {
            masks[i] = 1 << i;
        }
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(SHARDS)
                .serverSetting("max_parallel_workers_per_gather", "0")
                .start();
        List<PostgresServer> servers = cluster.servers();
        for (PostgresServer server : servers) {
            load(server);
        }
        for (PostgresServer server : servers) {
            reportCost(server);
        }

        db = ShardedDatabase.create(BenchmarkShards.modulo(servers, POOL_SIZE));
        shardIds = db.shardIds();
        allShards = ScatterRequest.allShards().named("bench-top-k");
        // The hand-rolled fan-out borrows the database's own pools, with the plugin shardkit's Jdbi
        // has too (it does not touch fluent queries), and threads like its default scatter executor.
        shardJdbis = new Jdbi[SHARDS];
        for (ShardId id : shardIds) {
            shardJdbis[id.value()] = Jdbi.create(db.primaryDataSource(id)).installPlugin(new SqlObjectPlugin());
        }
        AtomicInteger threads = new AtomicInteger();
        fanOut = new ThreadPoolExecutor(
                FAN_OUT_THREADS, FAN_OUT_THREADS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hand-rolled-fan-out-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });

        // All paths must answer the same question: the scatter, the hand-rolled fan-out and the loop
        // agree on every mask, and every answer is a full page.
        for (int mask : masks) {
            List<Row> viaScatter = scatterTopK(mask);
            List<Row> byHand = handRolledTopK(mask);
            List<Row> viaLoop = sequentialTopK(mask);
            List<Row> single = singleShardTopK(mask);
            if (!viaScatter.equals(viaLoop)
                    || !viaScatter.equals(byHand)
                    || viaScatter.size() != K
                    || single.size() != K) {
                throw new IllegalStateException("paths disagree for mask " + mask + ": scatter=" + viaScatter
                        + ", handRolled=" + byHand + ", sequential=" + viaLoop + ", singleShard size="
                        + single.size());
            }
        }
        nextMask = 0;
        pairs = 0;
    }

    private static void load(PostgresServer server) throws SQLException {
        try (Connection c = server.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS agent");
            st.execute("CREATE TABLE agent (id bigint PRIMARY KEY, score int NOT NULL, interests int NOT NULL,"
                    + " name text NOT NULL)");
            // score and interests depend on g only, so every shard does the same work per mask.
            st.execute("INSERT INTO agent SELECT g * " + SHARDS + " + " + server.index()
                    + ", abs(hashint8(g)) % 1000000,"
                    + " (SELECT coalesce(sum(1 << b), 0) FROM generate_series(0, 30) b"
                    + " WHERE abs(hashint8(g * 64 + b)) % " + INTEREST_RARITY + " = 0),"
                    + " 'agent-' || g FROM generate_series(1::bigint, " + ROWS_PER_SHARD + ") g");
            st.execute("CREATE INDEX agent_score ON agent (score DESC, id)");
            st.execute("VACUUM ANALYZE agent");
        }
    }

    /** Fails unless the shard walks the score index; prints its mean execution time over the masks. */
    private void reportCost(PostgresServer server) throws SQLException {
        String sql = query.replace(":mask", "?").replace(":k", "?");
        double totalMs = 0;
        long totalRemoved = 0;
        try (Connection c = server.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
            for (int round = 0; round < 2; round++) { // the first round warms the buffers
                totalMs = 0;
                totalRemoved = 0;
                for (int mask : masks) {
                    ps.setInt(1, mask);
                    ps.setInt(2, K);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String plan = rs.getString(1);
                        if (!plan.contains("\"Index Name\": \"agent_score\"")) {
                            throw new IllegalStateException("shard " + server.index()
                                    + " does not walk the score index for mask " + mask + ": " + plan);
                        }
                        totalMs += number(plan, "\"Execution Time\": ");
                        totalRemoved += (long) number(plan, "\"Rows Removed by Filter\": ");
                    }
                }
            }
        }
        System.err.printf(
                Locale.ROOT,
                "shard %d: EXPLAIN ANALYZE mean %.2f ms, %d rows discarded per query (%s, %d masks)%n",
                server.index(),
                totalMs / MASKS,
                totalRemoved / MASKS,
                workload,
                MASKS);
    }

    private static double number(String json, String field) {
        int start = json.indexOf(field);
        if (start < 0) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        start += field.length();
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '.')) {
            end++;
        }
        return Double.parseDouble(json.substring(start, end));
    }

    /** Stops the fan-out threads, closes the database, then stops the servers and deletes their data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (fanOut != null) {
            fanOut.shutdownNow();
        }
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private int nextMask() {
        int mask = masks[nextMask];
        nextMask = (nextMask + 1) % MASKS;
        return mask;
    }

    private List<Row> topK(Handle h, int mask) {
        return h.createQuery(query)
                .bind("mask", mask)
                .bind("k", K)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getInt(2)))
                .list();
    }

    /**
     * Ours: the query on all 4 shards in parallel through {@link ShardedDatabase#scatter}, then a
     * k-way merge.
     *
     * @return the top {@value #K} over all shards
     */
    @Benchmark
    public List<Row> scatter() {
        return scatterTopK(nextMask());
    }

    private List<Row> scatterTopK(int mask) {
        return Merge.topK(
                db.scatter(allShards, (shard, h) -> topK(h, mask))
                        .requireComplete()
                        .values(),
                K,
                BY_SCORE_DESC);
    }

    /**
     * The baseline for the engine: the same per-shard queries fanned out by hand, one future per
     * shard on {@value #FAN_OUT_THREADS} threads over the database's own pools, joined, then the same
     * merge.
     *
     * @return the top {@value #K} over all shards
     */
    @Benchmark
    public List<Row> handRolled() {
        return handRolledTopK(nextMask());
    }

    private List<Row> handRolledTopK(int mask) {
        List<CompletableFuture<List<Row>>> parts = new ArrayList<>(SHARDS);
        for (Jdbi jdbi : shardJdbis) {
            parts.add(CompletableFuture.supplyAsync(() -> jdbi.withHandle(h -> topK(h, mask)), fanOut));
        }
        List<List<Row>> perShard = new ArrayList<>(SHARDS);
        for (CompletableFuture<List<Row>> part : parts) {
            perShard.add(part.join());
        }
        return Merge.topK(perShard, K, BY_SCORE_DESC);
    }

    /**
     * Per iteration, the time {@link #interleaved} spent in each path. JMH reports the totals per
     * iteration; both paths ran the same number of times on the same masks, so {@code scatterNanos
     * / handRolledNanos} is the scatter's time per op relative to the hand-rolled fan-out's.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PathTimes {
        /** Nanoseconds spent in {@code scatter} this iteration. */
        public long scatterNanos;

        /** Nanoseconds spent in {@code handRolled} this iteration. */
        public long handRolledNanos;

        /** Zeroes the counters: JMH does not. */
        @Setup(Level.Iteration)
        public void reset() {
            scatterNanos = 0;
            handRolledNanos = 0;
        }
    }

    /**
     * {@code scatter} and {@code handRolled} one after the other on the same mask. Which goes first
     * alternates, and the pattern flips every cycle of masks, so each path goes first on every mask
     * equally often.
     *
     * @param times where the time of each path goes
     * @param bh takes both results
     */
    @Benchmark
    public void interleaved(PathTimes times, Blackhole bh) {
        int mask = nextMask();
        boolean scatterFirst = ((pairs + pairs / MASKS) & 1) == 0;
        pairs++;
        long t0 = System.nanoTime();
        bh.consume(scatterFirst ? scatterTopK(mask) : handRolledTopK(mask));
        long t1 = System.nanoTime();
        bh.consume(scatterFirst ? handRolledTopK(mask) : scatterTopK(mask));
        long t2 = System.nanoTime();
        times.scatterNanos += scatterFirst ? t1 - t0 : t2 - t1;
        times.handRolledNanos += scatterFirst ? t2 - t1 : t1 - t0;
    }

    /**
     * The seed's way: the query on each shard one after another, then the same merge.
     *
     * @return the top {@value #K} over all shards
     */
    @Benchmark
    public List<Row> sequential() {
        return sequentialTopK(nextMask());
    }

    private List<Row> sequentialTopK(int mask) {
        List<List<Row>> perShard = new ArrayList<>(SHARDS);
        for (ShardId id : shardIds) {
            perShard.add(db.withShardId(id, h -> topK(h, mask)));
        }
        return Merge.topK(perShard, K, BY_SCORE_DESC);
    }

    /**
     * The floor: the same query on shard 0 only, through the same pool and Jdbi path.
     *
     * @return the top {@value #K} of shard 0
     */
    @Benchmark
    public List<Row> singleShard() {
        return singleShardTopK(nextMask());
    }

    private List<Row> singleShardTopK(int mask) {
        return db.withShardId(shardIds.get(0), h -> topK(h, mask));
    }
}
