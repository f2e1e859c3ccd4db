package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server settings reach the servers; classes with other settings get other servers. */
class ServerSettingsIT {

    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("max_prepared_transactions", "8")
            .serverSetting("log_min_duration_statement", "0")
            .build();

    @Test
    void settings_areAppliedOnEveryShard() throws SQLException {
        for (TestShard shard : servers.shards()) {
            assertThat(ShardServersExtensionIT.query(shard, "SHOW max_prepared_transactions"))
                    .isEqualTo("8");
            assertThat(ShardServersExtensionIT.query(shard, "SHOW log_min_duration_statement"))
                    .isEqualTo("0");
        }
    }

    @Test
    void preparedTransaction_works() throws SQLException {
        TestShard shard = servers.shard(0);
        ShardServersExtensionIT.execute(shard, "CREATE TABLE two_phase (v int)");
        try (var c = shard.dataSource().getConnection();
                var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO two_phase VALUES (7)");
            st.execute("PREPARE TRANSACTION 'sk_settings_probe'");
            c.setAutoCommit(true);
            st.execute("COMMIT PREPARED 'sk_settings_probe'");
        }
        assertThat(ShardServersExtensionIT.query(shard, "SELECT v FROM two_phase"))
                .isEqualTo("7");
    }
}
