package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.routing.StrategyKind;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** The bare-connection entry points on primaries: routing, transactions, errors and pool hygiene. */
class ConnectionAccessIT {

    @RegisterExtension
    static final ShardServersExtension primaries =
            ShardServersExtension.builder().shards(3).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ShardedDatabase db;

    @BeforeEach
    void setUp() {
        // No replicas here, so the class also runs against external servers; replica reads: ShardedDatabaseIT.
        ShardkitConfig config = TestConfigs.withShards(
                        ShardkitConfig.builder().topology(TopologyConfig.of(StrategyKind.BUCKETS)),
                        primaries.shards(),
                        PoolConfig.builder().maximumSize(4).build())
                .build();
        db = ShardedDatabase.builder(config).meterRegistry(registry).build();
        TestConfigs.freshAgentTables(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private long keyOnShard(int shard, long from) {
        return TestConfigs.keyOnShard(db, shard, from);
    }

    static void insert(Connection c, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent (id, name) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM agent")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int port(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long rawCount(TestShard shard) throws SQLException {
        try (Connection c = shard.dataSource().getConnection()) {
            return count(c);
        }
    }

    private long timerCount(int shard, String operation, String outcome) {
        var timer = registry.find("shardkit.query")
                .tags("shard", String.valueOf(shard), "operation", operation, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void useConnection_writesLandOnTheShardTheTopologyNames() throws SQLException {
        long writesBefore = timerCount(1, "write", "success");
        Map<Integer, Long> expected = new HashMap<>();
        for (long i = 1; i <= 300; i++) {
            long id = i * 7919;
            db.useConnection(ShardKey.of(id), c -> insert(c, id, "a"));
            expected.merge(db.strategy().route(id), 1L, Long::sum);
        }
        for (TestShard s : primaries.shards()) {
            assertThat(rawCount(s)).as("rows on shard %d", s.index()).isEqualTo(expected.getOrDefault(s.index(), 0L));
            assertThat(rawCount(s)).as("every shard gets rows").isPositive();
        }
        assertThat(timerCount(1, "write", "success") - writesBefore).isEqualTo(expected.get(1));
    }

    @Test
    void withConnection_readsWhatTheJdbiPathWrote() {
        long id = keyOnShard(2, 1);
        db.useShard(ShardKey.of(id), h -> h.execute("INSERT INTO agent VALUES (?, 'jdbi')", id));

        String name = db.withConnection(ShardKey.of(id), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM agent WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "missing";
                }
            }
        });
        assertThat(name).isEqualTo("jdbi");
    }

    @Test
    void insideATransaction_theConnectionIsTheTransactions_andRollsBackWithIt() throws SQLException {
        long a = keyOnShard(1, 1);
        long b = keyOnShard(1, a + 1);

        assertThatThrownBy(() -> db.useTransaction(ShardKey.of(a), h -> {
                    h.execute("INSERT INTO agent VALUES (?, 'jdbi')", a);
                    // Another key on the same shard: the transaction's connection, so it sees the row.
                    long seen = db.withConnection(ShardKey.of(b), ConnectionAccessIT::count);
                    assertThat(seen).isEqualTo(1);
                    db.useConnection(ShardKey.of(b), c -> insert(c, b, "jdbc"));
                    assertThat(db.withReadOnlyConnection(ShardKey.of(b), ConnectionAccessIT::count))
                            .as("read-only work in a transaction runs on its connection")
                            .isEqualTo(2);
                    throw new IllegalStateException("roll back");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("roll back");

        assertThat(rawCount(primaries.shard(1))).isZero();
    }

    @Test
    void insideATransactionOnAnotherShard_isACrossShardError() throws SQLException {
        long onShard0 = keyOnShard(0, 1);
        long onShard2 = keyOnShard(2, 1);

        assertThatThrownBy(() -> db.useTransaction(ShardKey.of(onShard0), h -> {
                    h.execute("INSERT INTO agent VALUES (?, 'first')", onShard0);
                    db.useConnection(ShardKey.of(onShard2), c -> insert(c, onShard2, "second"));
                }))
                .isInstanceOf(CrossShardTransactionException.class)
                .hasMessage("a transaction pinned to shard 0 cannot use shard 2; a transaction covers one shard");
        assertThatThrownBy(() -> db.useTransaction(
                        ShardKey.of(onShard0),
                        h -> db.withReadOnlyConnection(ShardKey.of(onShard2), ConnectionAccessIT::count)))
                .isInstanceOf(CrossShardTransactionException.class);

        assertThat(rawCount(primaries.shard(0))).isZero();
        assertThat(rawCount(primaries.shard(2))).isZero();
    }

    @Test
    void aFailedStatement_isAShardQueryException_withTheShardAndSqlState() {
        long id = keyOnShard(1, 1);
        db.useConnection(ShardKey.of(id), c -> insert(c, id, "first"));

        assertThatThrownBy(() -> db.useConnection(ShardKey.of(id), c -> insert(c, id, "again")))
                .isInstanceOf(ShardQueryException.class)
                .hasMessageStartingWith("statement failed on shard 1 (social_1) [SQLState 23505]: ")
                .as("bind values stay out of the message")
                .hasMessageNotContaining("(" + id + ")")
                .satisfies(e -> {
                    ShardQueryException q = (ShardQueryException) e;
                    assertThat(q.shardId()).isEqualTo(ShardId.of(1));
                    assertThat(q.sqlState()).isEqualTo("23505");
                    assertThat(q.getCause()).isInstanceOf(SQLException.class);
                });
        assertThat(timerCount(1, "write", "error")).isEqualTo(1);
    }

    @Test
    void theConnectionGoesBack_whatever_theWorkDoes_andAnOpenTransactionIsRolledBack() throws SQLException {
        long id = keyOnShard(2, 1);
        AtomicReference<Connection> lent = new AtomicReference<>();

        assertThatThrownBy(() -> db.useConnection(ShardKey.of(id), c -> {
                    lent.set(c);
                    c.setAutoCommit(false);
                    insert(c, id, "never committed");
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");

        Connection returned = lent.get();
        assertThat(returned).isNotNull();
        assertThat(returned != null && returned.isClosed())
                .as("the lent proxy is closed once the work returns")
                .isTrue();
        assertThat(rawCount(primaries.shard(2))).isZero();
        assertThat(db.poolState(ShardId.of(2))).startsWith("active=0, ");
        // The pooled connection was reset: auto-commit is back on for the next borrower.
        assertThat(db.withConnection(ShardKey.of(id), Connection::getAutoCommit))
                .isTrue();
    }

    @Test
    void reads_onAShardWithoutReplicas_runOnItsPrimary_andCountAsReads() {
        ShardKey key = ShardKey.of(keyOnShard(2, 1));
        int primary = primaries.shard(2).server().port();
        long writesBefore = timerCount(2, "write", "success");

        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isEqualTo(primary);
        int viaJdbi = db.withReadOnly(
                key,
                h -> h.createQuery("SELECT inet_server_port()")
                        .mapTo(Integer.class)
                        .one());
        assertThat(viaJdbi).isEqualTo(primary);

        assertThat(timerCount(2, "read", "success")).isEqualTo(2);
        assertThat(timerCount(2, "write", "success") - writesBefore)
                .as("a read is not a write")
                .isZero();
    }

    @Test
    void aStoppedShard_isUnavailableByName_theOthersWork_andItRecovers() throws SQLException {
        primaries.assumeRestartableServers();
        long dead = keyOnShard(1, 1);
        long alive = keyOnShard(2, 1);
        db.useConnection(ShardKey.of(dead), c -> insert(c, dead, "before"));
        primaries.shard(1).stopServer();

        assertThatThrownBy(() -> db.withConnection(ShardKey.of(dead), ConnectionAccessIT::count))
                .isInstanceOf(ShardUnavailableException.class)
                .hasMessageStartingWith("shard 1 (social_1) unavailable: ")
                .hasMessageContaining("max=4")
                .satisfies(e ->
                        assertThat(((ShardUnavailableException) e).shardId()).isEqualTo(ShardId.of(1)));
        db.useConnection(ShardKey.of(alive), c -> insert(c, alive, "fine"));

        primaries.shard(1).startServer();
        assertThat(db.withConnection(ShardKey.of(dead), ConnectionAccessIT::count))
                .isEqualTo(1);
        assertThat(timerCount(1, "write", "unavailable")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void badArguments_areTypedErrorsWithTheValue() {
        assertThatThrownBy(() -> db.withConnection(null, c -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key must not be null");
        assertThatThrownBy(() -> db.withReadOnlyConnection(null, c -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key must not be null");
        assertThatThrownBy(() -> db.withConnection(ShardKey.of(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("callback");
        assertThatThrownBy(() -> db.useConnection(ShardKey.of(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("consumer");
        db.close();
        assertThatThrownBy(() -> db.withConnection(ShardKey.of(1), ConnectionAccessIT::count))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this ShardedDatabase is closed; its pools are shut down");
    }
}
