package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A standby holds the shard's rows as they are written, refuses writes, and streams again after a restart. */
class ShardStandbyIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).build();

    @Test
    void standby_replaysTheShardsWrites_refusesItsOwn_andStreamsAgainAfterARestart() throws SQLException {
        servers.assumeRestartableServers();
        TestShard shard = servers.shard(0);
        execute(shard.dataSource(), "CREATE TABLE replicated (id int PRIMARY KEY)");
        try (ShardStandby standby = ShardStandby.start(shard, "standby_it")) {
            assertThat(shard.server().isRunning()).as("the shard runs again").isTrue();
            assertThat(standby.server().port()).isNotEqualTo(shard.server().port());
            assertThatThrownBy(() -> standby.awaitReplay(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must not be negative, but was PT-0.001S");

            execute(shard.dataSource(), "INSERT INTO replicated VALUES (1)");
            standby.awaitReplay(Duration.ofSeconds(20));
            assertThat(count(standby.dataSource()))
                    .as("the row written after the copy")
                    .isEqualTo(1);
            assertThatThrownBy(() -> execute(standby.dataSource(), "INSERT INTO replicated VALUES (2)"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));

            standby.stopServer();
            execute(shard.dataSource(), "INSERT INTO replicated VALUES (3)");
            standby.startServer();
            standby.awaitReplay(Duration.ofSeconds(20));
            assertThat(count(standby.dataSource()))
                    .as("the row written while it was stopped")
                    .isEqualTo(2);
        } finally {
            execute(shard.dataSource(), "DROP TABLE replicated");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "quote'", "Upper", "dash-ed", ""})
    void badName_isRefusedNamingIt(String name) {
        assertThatThrownBy(() -> ShardStandby.start(servers.shard(0), name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be 1 to 63 lower-case letters, digits or '_', but was '" + name + "'");
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM replicated")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
