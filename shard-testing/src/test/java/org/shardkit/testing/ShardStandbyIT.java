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

    @Test
    void badName_isRefusedNamingIt() {
        assertThatThrownBy(() -> ShardStandby.start(servers.shard(0), "two words"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be 1 to 63 letters, digits, '_' or '-', but was 'two words'");
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
