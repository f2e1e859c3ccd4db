package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.core.twophase.RecoveryResult;
import org.shardkit.testing.ChildJvm;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process killed inside two-phase commit: a child JVM ({@link FriendshipAccepter}) accepts
 * friendships between agents on two shards, one unit each, and is killed with {@code SIGKILL} by a
 * {@link CrashPointTrap} when its second unit reaches the crash point; then the application restarts
 * (a new database with the same coordinator name, here in the test's JVM) and runs a recovery pass.
 * After it: no prepared transaction on any shard, both rows of every pair agree, and the killed
 * unit is rolled back everywhere if it died before its decision and committed everywhere after.
 */
@Tag("reliability")
class TwoPhaseCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseCrashIT.class);
    /** The child accepts this many pairs, in order ... */
    private static final int PAIRS = 3;
    /** ... and dies in this one (from 1): the one before commits, the one after never starts. */
    private static final int KILLED_UNIT = 2;

    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("max_prepared_transactions", "16")
            .build();

    /** The application before the crash, which set up the agents and their requests. */
    private static ShardedDatabase db;

    private static SocialRepository social;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        db = SocialTestbed.open(SocialTestbed.config(
                servers, b -> b.twoPhase(TwoPhaseConfig.builder().enabled(true).build())));
        social = SocialRepository.create(db);
    }

    @AfterAll
    static void close() {
        social.close();
        db.close();
    }

    @AfterEach
    void rollBackLeftovers() {
        // A failed run must not leave prepared transactions (and their locks) to the next one.
        for (ShardId shard : db.shardIds()) {
            for (String gid : prepared(shard)) {
                db.withShardId(shard, h -> h.execute("ROLLBACK PREPARED '" + gid + "'"));
            }
        }
    }

    @ParameterizedTest(name = "killed {0}")
    @CsvSource({
        "AFTER_FIRST_PREPARE, 1, false",
        "AFTER_ALL_PREPARED,  2, false",
        "AFTER_DECISION,      2, true",
        "AFTER_FIRST_COMMIT,  1, true"
    })
    void killedAtACrashPoint_restartAndRecovery_leaveNothingPrepared_andBothSidesOfEveryPairAgree(
            String point, int preparedAtDeath, boolean committed) throws Exception {
        List<long[]> pairs = pendingPairs();
        String coordinator = "crash-" + point.toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + ProcessHandle.current().pid();
        Properties p = SocialTestbed.handOver(servers);
        p.setProperty("coordinator", coordinator);
        p.setProperty("workerId", "201");
        p.setProperty(
                "pairs",
                String.join(",", pairs.stream().map(ab -> ab[0] + ":" + ab[1]).toList()));

        long started = System.nanoTime();
        String globalId;
        try (CrashPointTrap trap = CrashPointTrap.listen(point, KILLED_UNIT);
                ChildJvm child = ChildJvm.start(
                        FriendshipAccepter.class,
                        p,
                        dir,
                        "accepter",
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        trap.jvmArg())) {
            trap.arm(child);
            globalId = trap.awaitKill(child, Duration.ofSeconds(60));
            assertThat(child.logText())
                    .as("the units before the killed one returned")
                    .contains("accepted " + pairs.get(KILLED_UNIT - 2)[0] + ":" + pairs.get(KILLED_UNIT - 2)[1]);
        }
        long killed = System.nanoTime();
        List<String> left = new ArrayList<>();
        for (ShardId shard : db.shardIds()) {
            left.addAll(prepared(shard));
        }
        assertThat(left)
                .as("what the kill left prepared")
                .hasSize(preparedAtDeath)
                .allMatch(gid -> gid.startsWith(globalId + ":"));

        RecoveryResult result;
        long restartedAt = System.nanoTime();
        try (ShardedDatabase restarted = ShardedDatabase.create(SocialTestbed.config(
                servers,
                b -> b.twoPhase(TwoPhaseConfig.builder()
                        .enabled(true)
                        .coordinator(coordinator)
                        .inDoubtGrace(Duration.ZERO)
                        .recoveryInterval(Duration.ZERO) // the pass below is the restart's first
                        .build())))) {
            result = restarted.recoverPreparedTransactions();
        }
        long recovered = System.nanoTime();

        assertThat(result)
                .isEqualTo(new RecoveryResult(
                        committed ? preparedAtDeath : 0, committed ? 0 : preparedAtDeath, 0, Set.of()));
        for (ShardId shard : db.shardIds()) {
            assertThat(prepared(shard)).as("prepared on %s", shard).isEmpty();
        }
        Map<String, String> rows = friendshipRows();
        Map<Long, Integer> friendCounts = friendCounts();
        for (int i = 0; i < pairs.size(); i++) {
            long a = pairs.get(i)[0];
            long b = pairs.get(i)[1];
            boolean accepted = i < KILLED_UNIT - 1 || (i == KILLED_UNIT - 1 && committed);
            String mine = rows.get(a + "->" + b);
            String theirs = rows.get(b + "->" + a);
            assertThat(mine).as("pair %d's row on %d's shard", i, a).startsWith(accepted ? "accepted" : "pending");
            assertThat(theirs).as("pair %d: the other side's row", i).isEqualTo(mine);
            assertThat(friendCounts.get(a)).as("friend count of %d", a).isEqualTo(accepted ? 1 : 0);
            assertThat(friendCounts.get(b)).as("friend count of %d", b).isEqualTo(accepted ? 1 : 0);
        }
        LOG.info(
                "{}: child killed {} ms after its start in unit {}, {} left prepared; restart + recovery pass {} ms: {}",
                point,
                (killed - started) / 1_000_000,
                globalId,
                preparedAtDeath,
                (recovered - restartedAt) / 1_000_000,
                result);
    }

    /** Pairs of fresh agents on different shards, the first having asked the second for a friendship. */
    private static List<long[]> pendingPairs() {
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            Agent a = SocialTestbed.agent(social, "crash");
            Agent b = SocialTestbed.agentOn(social, db, a, false);
            social.requestFriendship(a.id(), b.id());
            pairs.add(new long[] {a.id(), b.id()});
        }
        return pairs;
    }

    /** Every friendship row of every shard as {@code agent->friend}: {@code status vVersion}. */
    private static Map<String, String> friendshipRows() {
        Map<String, String> rows = new HashMap<>();
        for (ShardId shard : db.shardIds()) {
            db.withShardId(
                            shard,
                            h -> h.createQuery("SELECT agent_id, friend_id, status, version FROM friendship")
                                    .map((rs, ctx) -> Map.entry(
                                            rs.getLong("agent_id") + "->" + rs.getLong("friend_id"),
                                            rs.getString("status") + " v" + rs.getLong("version")))
                                    .list())
                    .forEach(e -> rows.put(e.getKey(), e.getValue()));
        }
        return rows;
    }

    private static Map<Long, Integer> friendCounts() {
        Map<Long, Integer> counts = new HashMap<>();
        for (ShardId shard : db.shardIds()) {
            db.withShardId(
                            shard,
                            h -> h.createQuery("SELECT id, friend_count FROM agent")
                                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getInt("friend_count")))
                                    .list())
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
        }
        return counts;
    }

    /** The gids prepared in the shard's database, by any coordinator. */
    private static List<String> prepared(ShardId shard) {
        return db.withShardId(
                shard,
                h -> h.createQuery("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")
                        .mapTo(String.class)
                        .list());
    }
}
