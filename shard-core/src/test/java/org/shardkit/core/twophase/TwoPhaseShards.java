package org.shardkit.core.twophase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.TestConfigs;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.testing.TestShard;

/**
 * What the two-phase tests share: configurations over the test kit's shards, and plain-JDBC looks
 * at a shard (its rows, its prepared transactions, the decision table) that bypass shardkit.
 */
final class TwoPhaseShards {
    private static final AtomicInteger COORDINATORS = new AtomicInteger();

    private TwoPhaseShards() {}

    /** Returns a coordinator name no other test uses, so prepared transactions never mix. */
    static String freshCoordinator() {
        return "t" + ProcessHandle.current().pid() + "-" + COORDINATORS.incrementAndGet();
    }

    /** Returns the gid prefix of a coordinator. */
    static String prefix(String coordinator) {
        return "shardkit:" + coordinator + ":";
    }

    /** Two-phase settings: enabled, no periodic recovery (tests run passes themselves), the given grace. */
    static TwoPhaseConfig enabled(String coordinator, Duration grace) {
        return TwoPhaseConfig.builder()
                .enabled(true)
                .coordinator(coordinator)
                .recoveryInterval(Duration.ZERO)
                .inDoubtGrace(grace)
                .build();
    }

    /**
     * A configuration over the shards: small pools that give up after 1 s, and a breaker that stays
     * closed (tests stop servers and must not see a later call refused by it).
     */
    static ShardkitConfig config(List<TestShard> shards, TwoPhaseConfig twoPhase, StartupMode startup) {
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .twoPhase(twoPhase)
                .startup(startup)
                .breaker(BreakerConfig.builder()
                        .slidingWindowSize(100)
                        .minimumCalls(100)
                        .build());
        TestConfigs.withShards(b, shards, TestConfigs.pool(4, Duration.ofSeconds(1)));
        return b.build();
    }

    /** Returns the first key from 1 on that routes to {@code shard}. */
    static ShardKey keyOnShard(ShardedDatabase db, int shard) {
        for (long k = 1; ; k++) {
            if (db.shardOf(ShardKey.of(k)).value() == shard) {
                return ShardKey.of(k);
            }
        }
    }

    /** Creates {@code account(id bigint primary key, note text)} if missing, and empties it. */
    static void freshAccounts(TestShard s) throws SQLException {
        execute(s, "CREATE TABLE IF NOT EXISTS account (id bigint PRIMARY KEY, note text NOT NULL)");
        execute(s, "TRUNCATE account");
    }

    /** Returns the ids in the shard's {@code account} table, in order. */
    static List<Long> accounts(TestShard s) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = s.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM account ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Returns the gids of the shard's prepared transactions that start with {@code prefix}. */
    static List<String> prepared(TestShard s, String prefix) throws SQLException {
        return strings(
                s,
                "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND left(gid, length(?)) = ?"
                        + " ORDER BY gid",
                prefix);
    }

    /** Returns {@code gid=outcome} of the decision rows with the prefix (shard 0 holds the table). */
    static List<String> decisions(TestShard s, String prefix) throws SQLException {
        return strings(
                s,
                "SELECT gid || '=' || outcome FROM shardkit_2pc_decision WHERE left(gid, length(?)) = ? ORDER BY gid",
                prefix);
    }

    /** Rolls back every prepared transaction of shardkit in the shard's database: they hold locks. */
    static void rollBackLeftovers(TestShard s) throws SQLException {
        for (String gid : prepared(s, "shardkit:")) {
            execute(s, "ROLLBACK PREPARED '" + gid + "'");
        }
    }

    private static List<String> strings(TestShard s, String sql, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = s.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void execute(TestShard s, String sql) throws SQLException {
        try (Connection c = s.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
