package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class ShardServersExtensionIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(3).redis().build();

    /** A second registration on the same servers: it must get schemas of its own. */
    @RegisterExtension
    static final ShardServersExtension neighbour =
            ShardServersExtension.builder().shards(1).build();

    @Test
    void shards_areDistinctServerProcesses() throws SQLException {
        servers.assumeDistinctServers();
        Set<Integer> ports = new HashSet<>();
        Set<String> startTimes = new HashSet<>();
        Set<Long> systemIds = new HashSet<>();
        for (TestShard shard : servers.shards()) {
            try (Connection c = shard.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT inet_server_port(), pg_postmaster_start_time()::text,"
                            + " (SELECT system_identifier FROM pg_control_system())")) {
                rs.next();
                ports.add(rs.getInt(1));
                startTimes.add(rs.getString(2));
                systemIds.add(rs.getLong(3));
                assertThat(rs.getInt(1)).isEqualTo(shard.server().port());
            }
        }
        assertThat(ports).hasSize(3);
        assertThat(startTimes).hasSize(3);
        // initdb gives every cluster its own system identifier: three data directories, three servers.
        assertThat(systemIds).hasSize(3);
    }

    @Test
    void shard_urlPointsAtTheClassSchema() throws SQLException {
        TestShard shard = servers.shard(0);
        assertThat(query(shard, "SELECT current_schema()")).isEqualTo(shard.schema());
        assertThat(shard.jdbcUrl()).contains("currentSchema=" + shard.schema());
        assertThat(shard.schema()).startsWith("sk_shardserversextensionit_");
    }

    @Test
    void twoRegistrations_getSeparateSchemasOnTheSameServer() throws SQLException {
        TestShard mine = servers.shard(0);
        TestShard theirs = neighbour.shard(0);
        assertThat(theirs.server()).isSameAs(mine.server());
        assertThat(theirs.schema()).isNotEqualTo(mine.schema());

        execute(mine, "CREATE TABLE isolation_probe (v int)");
        execute(mine, "INSERT INTO isolation_probe VALUES (1)");

        assertThat(query(
                        theirs,
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                                + " AND table_name = 'isolation_probe'"))
                .isEqualTo("0");
        assertThat(query(mine, "SELECT count(*) FROM isolation_probe")).isEqualTo("1");
    }

    @Test
    void stoppedShard_isUnreachable_othersUnaffected_andRestartKeepsData() throws SQLException {
        servers.assumeRestartableServers();
        TestShard victim = servers.shard(1);
        execute(victim, "CREATE TABLE survivor (v int)");
        execute(victim, "INSERT INTO survivor VALUES (42)");

        victim.stopServer();

        assertThat(victim.server().isRunning()).isFalse();
        assertThatThrownBy(() -> victim.dataSource().getConnection().close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
        assertThat(query(servers.shard(0), "SELECT 1")).isEqualTo("1");
        assertThat(query(servers.shard(2), "SELECT 1")).isEqualTo("1");

        victim.startServer();

        assertThat(query(victim, "SELECT v FROM survivor")).isEqualTo("42");
        assertThat(query(victim, "SELECT inet_server_port()"))
                .isEqualTo(String.valueOf(victim.server().port()));
    }

    @Test
    void everyShard_answers() throws SQLException {
        for (TestShard shard : servers.shards()) {
            assertThat(query(shard, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void redis_answers_andSurvivesStopAndStart() {
        TestRedis redis = servers.redis();
        String key = redis.keyPrefix() + "greeting";
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.set(key, "hello");
            assertThat(jedis.get(key)).isEqualTo("hello");
        }
        servers.assumeRestartableServers();

        redis.stopServer();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
        }
        redis.startServer();

        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void redis_restartsRightAfterAStop_manyTimes() {
        servers.assumeRestartableServers();
        TestRedis redis = servers.redis();
        for (int i = 0; i < 10; i++) {
            // A client still connected during the stop, as a cache's subscriber would be.
            try (Jedis held = new Jedis(redis.host(), redis.port())) {
                held.ping();
                redis.stopServer();
            }
            redis.startServer();
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void shard_restartsRightAfterAStop_severalTimes() throws SQLException {
        servers.assumeRestartableServers();
        TestShard shard = servers.shard(0);
        for (int i = 0; i < 3; i++) {
            shard.stopServer();
            shard.startServer();
            assertThat(query(shard, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void shard_outOfRange_namesIndexAndBound() {
        assertThatThrownBy(() -> servers.shard(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index must be in [0, 3), but was 3");
        assertThat(servers.shards()).extracting(TestShard::index).isEqualTo(List.of(0, 1, 2));
    }

    static String query(TestShard shard, String sql) throws SQLException {
        try (Connection c = shard.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(TestShard shard, String sql) throws SQLException {
        try (Connection c = shard.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
