package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.metrics.ReplicaHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.slf4j.LoggerFactory;

class ShardedDatabaseIT {

    @RegisterExtension
    static final ShardServersExtension primaries =
            ShardServersExtension.builder().shards(3).build();

    /** Replica stand-ins: servers of their own that refuse writes, so a write routed there fails loudly. */
    @RegisterExtension
    static final ShardServersExtension replicas = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("default_transaction_read_only", "on")
            .build();

    private final AtomicLong fakeNanos = new AtomicLong();
    private ShardedDatabase db;

    @BeforeEach
    void setUp() {
        db = ShardedDatabase.builder(TestConfigs.withReplicasOnShard0(primaries, replicas, StartupMode.EAGER))
                .nanoTicker(fakeNanos::get)
                .build();
        TestConfigs.freshAgentTables(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private long keyOnShard(int shard, long from) {
        return TestConfigs.keyOnShard(db, shard, from);
    }

    private int serverPort(ShardKey key, boolean readOnly) {
        return readOnly
                ? db.withReadOnly(
                        key,
                        h -> h.createQuery("SELECT inet_server_port()")
                                .mapTo(Integer.class)
                                .one())
                : db.withShard(
                        key,
                        h -> h.createQuery("SELECT inet_server_port()")
                                .mapTo(Integer.class)
                                .one());
    }

    @Test
    void writes_landOnTheShardTheTopologyNames() {
        Map<Integer, Integer> expected = new HashMap<>();
        for (long id = 1; id <= 600; id++) {
            long agentId = id * 7919;
            db.useShard(ShardKey.of(agentId), h -> h.execute("INSERT INTO agent VALUES (?, ?)", agentId, "a"));
            expected.merge(db.strategy().route(agentId), 1, Integer::sum);
        }
        for (TestShard s : primaries.shards()) {
            long count = rawCount(s);
            assertThat(count).as("rows on shard %d", s.index()).isEqualTo((long) expected.getOrDefault(s.index(), 0));
            assertThat(count).as("every shard gets rows").isPositive();
        }
    }

    @Test
    void shardOf_matchesTheBucketTopology() {
        for (long k = 0; k < 10_000; k++) {
            assertThat(db.shardOf(ShardKey.of(k)).value())
                    .isEqualTo(db.strategy().route(k));
        }
        assertThat(db.strategy()).isInstanceOf(org.shardkit.routing.Topology.class);
    }

    @Test
    void inTransaction_commitsOnReturn_rollsBackOnThrow() {
        ShardKey key = ShardKey.of(keyOnShard(1, 1));
        db.useTransaction(key, h -> h.execute("INSERT INTO agent VALUES (1, 'kept')"));

        assertThatThrownBy(() -> db.useTransaction(key, h -> {
                    h.execute("INSERT INTO agent VALUES (2, 'dropped')");
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");

        List<String> names = db.withShard(
                key,
                h -> h.createQuery("SELECT name FROM agent ORDER BY id")
                        .mapTo(String.class)
                        .list());
        assertThat(names).containsExactly("kept");
    }

    @Test
    void transaction_cannotTouchASecondShard_andRollsBack() {
        long onShard0 = keyOnShard(0, 1);
        long onShard2 = keyOnShard(2, 1);

        assertThatThrownBy(() -> db.useTransaction(ShardKey.of(onShard0), h -> {
                    h.execute("INSERT INTO agent VALUES (?, 'first')", onShard0);
                    db.useShard(ShardKey.of(onShard2), h2 -> h2.execute("INSERT INTO agent VALUES (1, 'x')"));
                }))
                .isInstanceOf(CrossShardTransactionException.class)
                .hasMessage("a transaction pinned to shard 0 cannot use shard 2; a transaction covers one shard")
                .satisfies(e -> assertThat(((CrossShardTransactionException) e).requestedShard())
                        .isEqualTo(ShardId.of(2)));

        assertThat(rawCount(primaries.shard(0))).isZero();
        assertThat(rawCount(primaries.shard(2))).isZero();
    }

    @Test
    void sameShardCalls_insideATransaction_joinIt() {
        long a = keyOnShard(1, 1);
        long b = keyOnShard(1, a + 1);
        String seen = db.inTransaction(ShardKey.of(a), h -> {
            h.execute("INSERT INTO agent VALUES (?, 'uncommitted')", a);
            // Another key on the same shard: same connection, sees the uncommitted row.
            return db.withShard(
                    ShardKey.of(b),
                    h2 -> h2.createQuery("SELECT name FROM agent WHERE id = :id")
                            .bind("id", a)
                            .mapTo(String.class)
                            .one());
        });
        assertThat(seen).isEqualTo("uncommitted");
    }

    @Test
    void stoppedShard_failsFastWithItsName_othersKeepWorking_andItRecovers() {
        primaries.assumeRestartableServers();
        ShardKey dead = ShardKey.of(keyOnShard(1, 1));
        ShardKey alive0 = ShardKey.of(keyOnShard(0, 1));
        ShardKey alive2 = ShardKey.of(keyOnShard(2, 1));
        primaries.shard(1).stopServer();

        assertThatThrownBy(() -> db.useShard(dead, h -> h.execute("SELECT 1")))
                .isInstanceOf(ShardUnavailableException.class)
                .hasMessageStartingWith("shard 1 (social_1) unavailable: ")
                .hasMessageContaining("max=4")
                .satisfies(e ->
                        assertThat(((ShardUnavailableException) e).shardId()).isEqualTo(ShardId.of(1)));
        db.useShard(alive0, h -> h.execute("INSERT INTO agent VALUES (1, 'fine')"));
        db.useShard(alive2, h -> h.execute("INSERT INTO agent VALUES (1, 'fine')"));

        primaries.shard(1).startServer();

        db.useShard(dead, h -> h.execute("INSERT INTO agent VALUES (1, 'back')"));
        assertThat(rawCount(primaries.shard(1))).isEqualTo(1);
    }

    @Test
    void reads_goToReplicasByWeight_writesThereFailLoudly() {
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int r0 = replicas.shard(0).server().port();
        int r1 = replicas.shard(1).server().port();
        Map<Integer, Integer> hits = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            hits.merge(serverPort(key, true), 1, Integer::sum);
        }
        assertThat(hits).containsOnlyKeys(r0, r1);
        assertThat(hits.get(r0)).isEqualTo(200);
        assertThat(hits.get(r1)).isEqualTo(100);

        assertThatThrownBy(() -> db.useReadOnly(key, h -> h.execute("CREATE TABLE nope (v int)")))
                .isInstanceOf(ShardQueryException.class)
                .hasMessageStartingWith("statement failed on shard 0 (social_0) [SQLState 25006]")
                .satisfies(e -> assertThat(((ShardQueryException) e).sqlState()).isEqualTo("25006"));
    }

    @Test
    void reads_onAShardWithoutReplicas_goToItsPrimary() {
        ShardKey key = ShardKey.of(keyOnShard(2, 1));
        assertThat(serverPort(key, true)).isEqualTo(primaries.shard(2).server().port());
    }

    @Test
    void reads_fallBackToThePrimary_whenNoReplicaIsHealthy_andReturnAfterTheRetryPeriod() {
        replicas.assumeRestartableServers();
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int primary = primaries.shard(0).server().port();
        replicas.shard(0).stopServer();
        replicas.shard(1).stopServer();

        assertThat(serverPort(key, true)).isEqualTo(primary);
        assertThat(serverPort(key, true)).as("both replicas are skipped now").isEqualTo(primary);

        replicas.shard(0).startServer();
        replicas.shard(1).startServer();
        assertThat(serverPort(key, true)).as("still cooling down").isEqualTo(primary);
        fakeNanos.addAndGet(Duration.ofSeconds(6).toNanos());

        assertThat(serverPort(key, true))
                .isIn(
                        replicas.shard(0).server().port(),
                        replicas.shard(1).server().port());
    }

    @Test
    void health_listsEveryReplica_reachableAndServing() {
        ShardHealth shard0 = db.health(ShardId.of(0));

        assertThat(shard0.reachable()).isTrue();
        assertThat(shard0.replicas())
                .extracting(ReplicaHealth::index, ReplicaHealth::poolName, ReplicaHealth::reachable)
                .containsExactly(
                        tuple(0, "shardkit-social_0-replica-0", true), tuple(1, "shardkit-social_0-replica-1", true));
        assertThat(shard0.replicas()).allSatisfy(r -> {
            assertThat(r.skipped()).isFalse();
            assertThat(r.serving()).isTrue();
            assertThat(r.error()).isNull();
            assertThat(r.pool().maximumSize()).isEqualTo(4);
        });
        assertThat(shard0.servingReplicas()).isEqualTo(2);
        assertThat(db.health(ShardId.of(1)).replicas()).isEmpty();
    }

    @Test
    void stoppedReplica_isUnreachable_withItsError_whileThePrimaryAndTheOtherReplicaAnswer() {
        replicas.assumeRestartableServers();
        replicas.shard(1).stopServer();

        ShardHealth shard0 = db.health(ShardId.of(0));

        assertThat(shard0.reachable()).as("the primary").isTrue();
        assertThat(shard0.replicas().get(0).reachable()).isTrue();
        ReplicaHealth stopped = shard0.replicas().get(1);
        assertThat(stopped.reachable()).isFalse();
        assertThat(stopped.serving()).isFalse();
        assertThat(stopped.error()).isNotBlank();
        assertThat(stopped.skipped())
                .as("a probe changes nothing: no read has failed on it yet")
                .isFalse();
        assertThat(shard0.servingReplicas()).isEqualTo(1);

        replicas.shard(1).startServer();
        assertThat(db.health(ShardId.of(0)).replicas().get(1).reachable()).isTrue();
    }

    @Test
    void replicaAReadFailedOn_isSkipped_untilTheRetryPeriodPasses_evenOnceItAnswersAgain() {
        replicas.assumeRestartableServers();
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        replicas.shard(0).stopServer();
        replicas.shard(1).stopServer();
        // Both replicas fail to give a connection: the read falls back to the primary and both cool down.
        db.useReadOnly(key, h -> h.execute("SELECT 1"));
        replicas.shard(0).startServer();
        replicas.shard(1).startServer();

        ShardHealth cooling = db.health(ShardId.of(0));
        assertThat(cooling.replicas()).allSatisfy(r -> {
            assertThat(r.reachable()).isTrue();
            assertThat(r.skipped()).isTrue();
            assertThat(r.serving()).isFalse();
        });
        assertThat(cooling.servingReplicas()).isZero();

        fakeNanos.addAndGet(Duration.ofSeconds(6).toNanos()); // replicaRetryAfter is 5 s
        assertThat(db.health(ShardId.of(0)).servingReplicas()).isEqualTo(2);
    }

    @Test
    void reads_insideATransaction_andAfterAWriteInAReadYourWritesScope_goToThePrimary() {
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int primary = primaries.shard(0).server().port();

        int inTransaction = db.inTransaction(key, h -> serverPort(key, true));
        assertThat(inTransaction).isEqualTo(primary);

        try (ReadYourWritesScope scope = db.readYourWrites()) {
            assertThat(serverPort(key, true)).as("nothing written yet").isNotEqualTo(primary);
            db.useShard(key, h -> h.execute("INSERT INTO agent VALUES (5, 'mine')"));
            assertThat(serverPort(key, true)).isEqualTo(primary);
            assertThat(scope.writtenShards()).containsExactly(ShardId.of(0));
        }
        assertThat(serverPort(key, true)).as("outside the scope").isNotEqualTo(primary);
    }

    @Test
    void withReadOnlyConnection_goesToReplicasByWeight_andAWriteThereFailsLoudly() {
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int r0 = replicas.shard(0).server().port();
        int r1 = replicas.shard(1).server().port();
        Map<Integer, Integer> hits = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            hits.merge(db.withReadOnlyConnection(key, ConnectionAccessIT::port), 1, Integer::sum);
        }
        assertThat(hits).containsOnlyKeys(r0, r1);
        assertThat(hits.get(r0)).isEqualTo(200);
        assertThat(hits.get(r1)).isEqualTo(100);

        assertThatThrownBy(() -> db.withReadOnlyConnection(key, c -> {
                    try (Statement st = c.createStatement()) {
                        return st.executeUpdate("CREATE TABLE nope (v int)");
                    }
                }))
                .isInstanceOf(ShardQueryException.class)
                .hasMessageStartingWith("statement failed on shard 0 (social_0) [SQLState 25006]");
    }

    @Test
    void withReadOnlyConnection_afterAWriteInAReadYourWritesScope_goesToThePrimary() {
        long id = keyOnShard(0, 1);
        ShardKey key = ShardKey.of(id);
        int primary = primaries.shard(0).server().port();

        try (ReadYourWritesScope scope = db.readYourWrites()) {
            assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                    .as("nothing written yet")
                    .isNotEqualTo(primary);
            db.useConnection(key, c -> ConnectionAccessIT.insert(c, id, "mine"));
            assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isEqualTo(primary);
            assertThat(scope.writtenShards()).containsExactly(ShardId.of(0));
        }
    }

    @Test
    void aReplicaLostMidWay_isSkipped_andTheReadRunsAgainOnTheNext() {
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int r0 = replicas.shard(0).server().port();
        int r1 = replicas.shard(1).server().port();
        List<Integer> ranOn = new ArrayList<>();

        int answeredBy = db.withReadOnlyConnection(key, c -> {
            int here = ConnectionAccessIT.port(c);
            ranOn.add(here);
            if (ranOn.size() == 1) {
                // The server ends this session under the work, as a replica restart does to a pooled
                // connection: the driver reports 57P01 or a class-08 state on this or the next statement.
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                    st.execute("SELECT 1");
                }
            }
            return here;
        });

        assertThat(ranOn).hasSize(2);
        assertThat(ranOn.get(0)).isIn(r0, r1);
        int lost = ranOn.get(0);
        int other = lost == r0 ? r1 : r0;
        assertThat(answeredBy).as("the second attempt answers").isEqualTo(other);
        for (int i = 0; i < 6; i++) {
            assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                    .as("the lost replica is skipped until the retry period passes")
                    .isEqualTo(other);
        }
    }

    @Test
    void withReadOnlyConnection_fallsBackToThePrimary_whenTheReplicasAreDown() {
        replicas.assumeRestartableServers();
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int primary = primaries.shard(0).server().port();
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isNotEqualTo(primary);
        replicas.shard(0).stopServer();
        replicas.shard(1).stopServer();

        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isEqualTo(primary);
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                .as("both replicas are skipped now")
                .isEqualTo(primary);

        replicas.shard(0).startServer();
        replicas.shard(1).startServer();
        fakeNanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                .isIn(
                        replicas.shard(0).server().port(),
                        replicas.shard(1).server().port());
    }

    @Test
    void groupByShard_keepsOrderWithinEachShard() {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= 50; i++) {
            ids.add(i * 31);
        }
        Map<ShardId, List<Long>> groups = db.groupByShard(ids, ShardKey::of);

        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(50);
        groups.forEach((shard, members) -> {
            assertThat(members).isSorted();
            members.forEach(m -> assertThat(db.shardOf(ShardKey.of(m))).isEqualTo(shard));
        });
    }

    @Test
    void onDemandDao_isBoundToTheKeysShard() {
        long id = keyOnShard(2, 1);
        AgentDao dao = db.onDemand(ShardKey.of(id), AgentDao.class);
        dao.insert(id, "dao");
        assertThat(dao.name(id)).isEqualTo("dao");
        assertThat(rawCount(primaries.shard(2))).isEqualTo(1);
    }

    @Test
    void migrate_appliesToEveryShard_andNamesTheShardThatFails() {
        // The class schema already holds the agent table: baseline it, as a service adopting Flyway would.
        db.migrate(
                Set.copyOf(db.shardIds()),
                flyway -> flyway.locations("classpath:db/migration")
                        .baselineOnMigrate(true)
                        .baselineVersion("0"));
        for (ShardId id : db.shardIds()) {
            long rows = db.withShardId(
                    id,
                    h -> h.createQuery("SELECT count(*) FROM migrated_agent")
                            .mapTo(Long.class)
                            .one());
            assertThat(rows).isZero();
        }

        assertThatThrownBy(() -> db.migrate(
                        Set.of(ShardId.of(2)),
                        flyway -> flyway.locations("classpath:db/broken")
                                .table("broken_history")
                                .baselineOnMigrate(true)
                                .baselineVersion("0")))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("migration failed on shard 2 (social_2): ")
                .satisfies(e -> assertThat(((MigrationException) e).shardId()).isEqualTo(ShardId.of(2)));
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void badArguments_areTypedErrorsWithTheValue() {
        assertThatThrownBy(() -> db.withShardId(ShardId.of(7), h -> 1))
                .isInstanceOf(UnknownShardException.class)
                .hasMessage("unknown shard 7: this database has shards 0..2")
                .satisfies(
                        e -> assertThat(((UnknownShardException) e).shardId()).isEqualTo(ShardId.of(7)));
        assertThatThrownBy(() -> db.withShard(null, h -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key must not be null");
        assertThatThrownBy(() -> ShardKey.of((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key must not be null");
        db.close();
        assertThatThrownBy(() -> db.useShard(ShardKey.of(1), h -> h.execute("SELECT 1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this ShardedDatabase is closed; its pools are shut down");
    }

    @Test
    void eagerStart_namesEveryUnreachableShard_lazyStartDoesNot() {
        ShardkitConfig good = TestConfigs.withReplicasOnShard0(primaries, replicas, StartupMode.EAGER);
        String deadUrl = "jdbc:postgresql://127.0.0.1:1/nowhere";
        ShardkitConfig broken = ShardkitConfig.builder()
                .shard(good.shard(0))
                .shard(ShardConfig.builder(1, "social_1", EndpointConfig.of(deadUrl, "app", Secret.of("Sup3r-Secret")))
                        .pool(good.shard(1).pool())
                        .build())
                .build();

        assertThatThrownBy(() -> ShardedDatabase.create(broken))
                .isInstanceOf(ShardStartupException.class)
                .hasMessageStartingWith("1 shard unreachable at start: shard 1 (social_1) at " + deadUrl + ": ")
                .satisfies(e ->
                        assertThat(((ShardStartupException) e).unreachable()).containsExactly(ShardId.of(1)));

        ShardkitConfig lazy = ShardkitConfig.builder()
                .shard(broken.shard(0))
                .shard(broken.shard(1))
                .startup(StartupMode.LAZY)
                .build();
        try (ShardedDatabase started = ShardedDatabase.create(lazy)) {
            assertThat(started.shardIds()).hasSize(2);
        }
    }

    @Test
    void password_neverAppearsInLogsOrExceptions() {
        String secret = "Sup3r-Secret-" + System.nanoTime();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> texts = new ArrayList<>();
        try {
            ShardkitConfig config = ShardkitConfig.builder()
                    .shard(ShardConfig.builder(
                                    0,
                                    "s0",
                                    EndpointConfig.of(
                                            "jdbc:postgresql://127.0.0.1:1/nowhere", "app", Secret.of(secret)))
                            .replica(new ReplicaConfig(
                                    EndpointConfig.of(
                                            "jdbc:postgresql://127.0.0.1:2/nowhere", "app", Secret.of(secret)),
                                    1))
                            .pool(PoolConfig.builder()
                                    .connectionTimeout(Duration.ofMillis(300))
                                    .build())
                            .build())
                    .startup(StartupMode.LAZY)
                    .build();
            texts.add(config.toString());
            try (ShardedDatabase lazy = ShardedDatabase.create(config)) {
                for (int i = 0; i < 2; i++) {
                    try {
                        lazy.withReadOnly(ShardKey.of(1), h -> h.execute("SELECT 1"));
                    } catch (ShardkitException e) {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            texts.add(String.valueOf(t));
                        }
                    }
                }
            }
            try {
                ShardedDatabase.create(
                        ShardkitConfig.builder().shard(config.shard(0)).build());
            } catch (ShardStartupException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(String.valueOf(t));
                }
            }
        } finally {
            root.detachAppender(logs);
        }
        logs.list.forEach(event -> texts.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null
                        ? ""
                        : event.getThrowableProxy().getMessage())));

        assertThat(texts).hasSizeGreaterThan(4);
        assertThat(texts).noneMatch(t -> t.contains(secret));
    }

    private static long rawCount(TestShard shard) {
        try (var c = shard.dataSource().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM agent")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("count on shard " + shard.index() + " failed", e);
        }
    }

    /** A SqlObject for the on-demand test. */
    public interface AgentDao {
        /** Inserts an agent. */
        @org.jdbi.v3.sqlobject.statement.SqlUpdate("INSERT INTO agent (id, name) VALUES (?, ?)")
        void insert(long id, String name);

        /** Reads an agent's name. */
        @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT name FROM agent WHERE id = ?")
        String name(long id);
    }
}
