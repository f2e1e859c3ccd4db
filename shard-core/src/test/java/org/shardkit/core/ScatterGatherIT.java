package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.core.metrics.CircuitState;
import org.shardkit.core.scatter.Aggregate;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.KeysetPage;
import org.shardkit.core.scatter.Merge;
import org.shardkit.core.scatter.PartialResultException;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardTimeoutException;
import org.shardkit.routing.StrategyKind;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

class ScatterGatherIT {
    private static final int ROWS = 3_000;

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    /** A row of the test table. */
    record Row(long id, int score) {}

    private static final Comparator<Row> BY_SCORE_DESC =
            Comparator.comparingInt(Row::score).reversed().thenComparingLong(Row::id);

    private final List<ShardedDatabase> opened = new ArrayList<>();

    @BeforeAll
    static void load() throws SQLException {
        try (ShardedDatabase db = ShardedDatabase.create(config(10, BreakerConfig.defaults()))) {
            for (ShardId id : db.shardIds()) {
                db.withShardId(
                        id,
                        h -> h.execute(
                                "CREATE TABLE agent (id bigint PRIMARY KEY, score int NOT NULL, name text NOT NULL)"));
            }
            Random random = new Random(7);
            List<Row> rows = new ArrayList<>();
            for (long id = 1; id <= ROWS; id++) {
                rows.add(new Row(id * 13, random.nextInt(1_000)));
            }
            db.groupByShard(rows, r -> ShardKey.of(r.id()))
                    .forEach((shard, group) -> db.withShardId(shard, h -> {
                        var batch = h.prepareBatch("INSERT INTO agent VALUES (:id, :score, 'a')");
                        group.forEach(r -> batch.bind("id", r.id())
                                .bind("score", r.score())
                                .add());
                        return batch.execute();
                    }));
        }
    }

    static ShardkitConfig config(int poolSize, BreakerConfig breaker) {
        return TestConfigs.withShards(
                        ShardkitConfig.builder()
                                .topology(TopologyConfig.of(StrategyKind.JUMP))
                                .breaker(breaker),
                        servers.shards(),
                        TestConfigs.pool(poolSize, Duration.ofMillis(500)))
                .build();
    }

    private ShardedDatabase open(ShardkitConfig config) {
        ShardedDatabase db = ShardedDatabase.create(config);
        opened.add(db);
        return db;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ShardedDatabase::close);
    }

    private static List<Row> allRowsBruteForce() throws SQLException {
        List<Row> all = new ArrayList<>();
        for (TestShard s : servers.shards()) {
            try (Connection c = s.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, score FROM agent")) {
                while (rs.next()) {
                    all.add(new Row(rs.getLong(1), rs.getInt(2)));
                }
            }
        }
        return all;
    }

    @Test
    void aReadOnlyScatter_onShardsWithoutReplicas_readsTheirPrimaries() {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        ScatterResult<Long> counts = db.scatter(
                ScatterRequest.allShards().readOnly(),
                (shard, h) -> h.createQuery("SELECT count(*) FROM agent")
                        .mapTo(Long.class)
                        .one());
        assertThat(counts.requireComplete().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(ROWS);
    }

    @Test
    void health_ofAShardWhoseEveryConnectionIsInUse_isReachableAndDoesNotWaitForOne() throws Exception {
        ShardedDatabase db = open(config(1, BreakerConfig.defaults()));
        ShardKey k0 = key(db, 0);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                db.useShard(k0, h -> {
                    holding.countDown();
                    release.await();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        try {
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            org.shardkit.core.metrics.ShardHealth busy = db.health(db.shardOf(k0));
            assertThat(busy.reachable()).isTrue();
            assertThat(busy.pool().active()).isEqualTo(1);
            // The probe did not borrow: the pool (500 ms connection timeout) was never waited on.
            assertThat(busy.latency()).isZero();
        } finally {
            release.countDown();
            holder.join();
        }
        org.shardkit.core.metrics.ShardHealth idle = db.health(db.shardOf(k0));
        assertThat(idle.reachable()).isTrue();
        assertThat(idle.latency()).isPositive();
    }

    @Test
    void topK_equalsBruteForceOverTheUnion() throws SQLException {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        int k = 25;
        ScatterResult<List<Row>> result = db.scatter(
                ScatterRequest.allShards(),
                (shard, h) -> h.createQuery("SELECT id, score FROM agent ORDER BY score DESC, id LIMIT :k")
                        .bind("k", k)
                        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getInt(2)))
                        .list());

        List<Row> top = Merge.topK(result.requireComplete().values(), k, BY_SCORE_DESC);

        List<Row> expected =
                allRowsBruteForce().stream().sorted(BY_SCORE_DESC).limit(k).toList();
        assertThat(top).isEqualTo(expected);
        assertThat(result.requireComplete()).hasSize(4);
    }

    @Test
    void aggregates_equalBruteForce_andAverageIsSumOverCount() throws SQLException {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        ScatterResult<Aggregate> result = db.scatter(
                ScatterRequest.allShards(),
                (shard, h) -> h.createQuery("SELECT count(score), sum(score), min(score), max(score) FROM agent")
                        .map((rs, ctx) -> Aggregate.of(
                                rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                        .one());

        Aggregate total = Aggregate.combine(result.requireComplete().values());

        List<Row> all = allRowsBruteForce();
        long sum = all.stream().mapToLong(Row::score).sum();
        assertThat(total.count()).isEqualTo(ROWS);
        assertThat(total.sum()).isEqualByComparingTo(BigDecimal.valueOf(sum));
        assertThat(total.min())
                .isEqualByComparingTo(BigDecimal.valueOf(
                        all.stream().mapToInt(Row::score).min().orElseThrow()));
        assertThat(total.max())
                .isEqualByComparingTo(BigDecimal.valueOf(
                        all.stream().mapToInt(Row::score).max().orElseThrow()));
        assertThat(total.average().orElseThrow())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(ROWS), java.math.MathContext.DECIMAL64));
    }

    @Test
    void keysetPages_walkTheUnionInOrder_withoutOffset() throws SQLException {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        int pageSize = 97;
        List<Row> walked = new ArrayList<>();
        Row cursor = null;
        int pages = 0;
        do {
            Row after = cursor;
            ScatterResult<List<Row>> result = db.scatter(
                    ScatterRequest.allShards(),
                    (shard, h) -> h.createQuery(
                                    "SELECT id, score FROM agent WHERE (:first OR (score, -id) < (:score, -:id))"
                                            + " ORDER BY score DESC, id LIMIT :n")
                            .bind("first", after == null)
                            .bind("score", after == null ? 0 : after.score())
                            .bind("id", after == null ? 0 : after.id())
                            .bind("n", pageSize)
                            .map((rs, ctx) -> new Row(rs.getLong(1), rs.getInt(2)))
                            .list());
            KeysetPage<Row, Row> page = Merge.page(result.requireComplete().values(), pageSize, BY_SCORE_DESC, r -> r);
            walked.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(walked)
                .isEqualTo(allRowsBruteForce().stream().sorted(BY_SCORE_DESC).toList());
        assertThat(pages).isBetween(ROWS / pageSize, ROWS / pageSize + 2);
    }

    @Test
    void deadline_cancelsRunningStatements_andLeavesNoneBehind() throws SQLException {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        ScatterResult<Integer> result = db.scatter(
                ScatterRequest.allShards().withDeadline(Duration.ofMillis(400)).withPolicy(FailurePolicy.PARTIAL),
                (shard, h) -> h.createQuery("SELECT 1 FROM pg_sleep(30)")
                        .mapTo(Integer.class)
                        .one());

        assertThat(result.isComplete()).isFalse();
        assertThat(result.missingShards()).hasSize(4);
        assertThat(result.failures().values())
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(ShardTimeoutException.class)
                        .hasMessageContaining("did not answer within the scatter deadline of 400 ms"));
        assertThatThrownBy(result::requireComplete)
                .isInstanceOf(PartialResultException.class)
                .hasMessageStartingWith("4 of 4 shards missing from the result: shard 0: ");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long running;
        do {
            running = 0;
            for (TestShard s : servers.shards()) {
                running += count(
                        s,
                        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                                + " AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()");
            }
            if (running > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } while (running > 0 && System.nanoTime() < deadline);
        assertThat(running).as("statements still running after the deadline").isZero();
    }

    @Test
    void deadline_failFast_throwsTheShardTimeout() {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        assertThatThrownBy(() -> db.scatter(
                        ScatterRequest.allShards().withDeadline(Duration.ofMillis(300)),
                        (shard, h) -> h.createQuery("SELECT 1 FROM pg_sleep(30)")
                                .mapTo(Integer.class)
                                .one()))
                .isInstanceOf(ShardTimeoutException.class);
    }

    @Test
    void oneShardStopped_partialNamesIt_failFastThrowsIt() {
        servers.assumeRestartableServers();
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        servers.shard(2).stopServer();

        ScatterResult<Long> partial = db.scatter(
                ScatterRequest.allShards().withPolicy(FailurePolicy.PARTIAL),
                (shard, h) -> h.createQuery("SELECT count(*) FROM agent")
                        .mapTo(Long.class)
                        .one());

        assertThat(partial.isComplete()).isFalse();
        assertThat(partial.missingShards()).containsExactly(ShardId.of(2));
        assertThat(partial.failures().get(ShardId.of(2)))
                .isInstanceOf(ShardUnavailableException.class)
                .hasMessageStartingWith("shard 2 (social_2) unavailable");
        assertThat(partial.availableResults()).containsOnlyKeys(ShardId.of(0), ShardId.of(1), ShardId.of(3));
        assertThatThrownBy(partial::requireComplete)
                .isInstanceOf(PartialResultException.class)
                .hasMessageStartingWith(
                        "1 of 4 shards missing from the result: shard 2: shard 2 (social_2) unavailable");

        assertThatThrownBy(() -> db.scatter(
                        ScatterRequest.allShards(),
                        (shard, h) -> h.createQuery("SELECT count(*) FROM agent")
                                .mapTo(Long.class)
                                .one()))
                .isInstanceOf(ShardUnavailableException.class)
                .satisfies(e ->
                        assertThat(((ShardUnavailableException) e).shardId()).isEqualTo(ShardId.of(2)));
    }

    @Test
    void breaker_opensOnADeadShard_failsImmediately_andRecoversWithoutRestart() {
        servers.assumeRestartableServers();
        ShardedDatabase db = open(config(
                4,
                BreakerConfig.builder()
                        .failureRateThreshold(50)
                        .slidingWindowSize(4)
                        .minimumCalls(2)
                        .openDuration(Duration.ofMillis(500))
                        .build()));
        ShardKey dead = key(db, 1);
        ShardKey alive = key(db, 3);
        servers.shard(1).stopServer();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> db.useShard(dead, h -> h.execute("SELECT 1")))
                    .isInstanceOf(ShardUnavailableException.class)
                    .isNotInstanceOf(ShardCircuitOpenException.class);
        }
        assertThat(db.circuitState(ShardId.of(1))).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> db.useShard(dead, h -> h.execute("SELECT 1")))
                .isInstanceOf(ShardCircuitOpenException.class)
                .hasMessageStartingWith(
                        "shard 1 (social_1) unavailable: circuit breaker open after connection failures;");
        db.useShard(alive, h -> h.execute("SELECT 1"));
        assertThat(db.circuitState(ShardId.of(3))).isEqualTo(CircuitState.CLOSED);
        assertThat(db.health(ShardId.of(1)).reachable()).isFalse();

        servers.shard(1).startServer();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean recovered = false;
        while (!recovered && System.nanoTime() < deadline) {
            try {
                db.useShard(dead, h -> h.execute("SELECT 1"));
                recovered = true;
            } catch (ShardUnavailableException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        assertThat(recovered)
                .as("shard 1 answers again through the same database")
                .isTrue();
        assertThat(db.circuitState(ShardId.of(1))).isEqualTo(CircuitState.CLOSED);
        assertThat(db.health(ShardId.of(1)).reachable()).isTrue();
    }

    @Test
    void poolSizeOne_64ConcurrentScatters_allComplete() throws Exception {
        ShardedDatabase db = open(config(1, BreakerConfig.defaults()));
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(callers.submit(() -> {
                    long total = 0;
                    for (int round = 0; round < 3; round++) {
                        ScatterResult<Long> r = db.scatter(
                                ScatterRequest.allShards().withDeadline(Duration.ofSeconds(60)),
                                (shard, h) -> h.createQuery("SELECT count(*) FROM agent")
                                        .mapTo(Long.class)
                                        .one());
                        total += r.requireComplete().values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                    }
                    return total;
                }));
            }
            for (Future<Long> f : futures) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(3L * ROWS);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void scatterInsideATransaction_isRefused() {
        ShardedDatabase db = open(config(1, BreakerConfig.defaults()));
        assertThatThrownBy(() ->
                        db.useTransaction(key(db, 0), h -> db.scatter(ScatterRequest.allShards(), (shard, h2) -> 1)))
                .isInstanceOf(ShardkitException.class)
                .hasMessageStartingWith("scatter inside a transaction pinned to shard 0 would need a second connection")
                .satisfies(e -> assertThat(((ShardkitException) e).shardId()).isEqualTo(ShardId.of(0)));
    }

    @Test
    void onShards_runsOnlyOnTheShardsOfTheKeys() {
        ShardedDatabase db = open(config(4, BreakerConfig.defaults()));
        var keys = List.of(key(db, 1), key(db, 3));
        ScatterResult<Integer> r = db.scatter(ScatterRequest.onShards(db.shardsOf(keys)), (shard, h) -> shard.value());
        assertThat(r.requireComplete()).containsOnlyKeys(ShardId.of(1), ShardId.of(3));
    }

    static ShardKey key(ShardedDatabase db, int shard) {
        for (long k = 1; ; k++) {
            if (db.shardOf(ShardKey.of(k)).value() == shard) {
                return ShardKey.of(k);
            }
        }
    }

    private static long count(TestShard s, String sql) throws SQLException {
        try (Connection c = s.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
