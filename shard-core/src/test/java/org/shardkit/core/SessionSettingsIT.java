package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;

/** Every connection of a pool starts with the session its pool settings describe, on the server itself. */
class SessionSettingsIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private static String setting(ShardedDatabase db, ShardKey key, String name) {
        return db.withShard(
                key,
                h -> h.createQuery("SELECT current_setting(:n)")
                        .bind("n", name)
                        .mapTo(String.class)
                        .one());
    }

    @Test
    void sessionSettings_areWhatTheServerReports_onEveryPathIntoThePool() {
        // A zone that is neither the JVM's nor the server's, so the setting itself must have put it there.
        String zone = TimeZone.getDefault().getID().equals("America/Sao_Paulo") ? "Asia/Kolkata" : "America/Sao_Paulo";
        PoolConfig pool = TestConfigs.pool(2, Duration.ofSeconds(1)).toBuilder()
                .statementTimeout(Duration.ofMillis(1234))
                .timeZone(zone)
                .applicationName("social-service")
                .build();
        ShardkitConfig config = TestConfigs.withShards(ShardkitConfig.builder(), servers.shards(), pool)
                .build();
        try (ShardedDatabase db = ShardedDatabase.create(config)) {
            ShardKey key = ShardKey.of(TestConfigs.keyOnShard(db, 1, 1));

            assertThat(setting(db, key, "statement_timeout")).isEqualTo("1234ms");
            assertThat(setting(db, key, "TimeZone")).isEqualTo(zone);
            assertThat(setting(db, key, "application_name")).isEqualTo("social-service");
            String onBareConnection = db.withConnection(key, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('TimeZone')");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(onBareConnection).isEqualTo(zone);
            String inTransaction = db.inTransaction(
                    key,
                    h -> h.createQuery("SELECT current_setting('statement_timeout')")
                            .mapTo(String.class)
                            .one());
            assertThat(inTransaction).isEqualTo("1234ms");

            assertThatThrownBy(() -> db.useShard(key, h -> h.execute("SELECT pg_sleep(3)")))
                    .isInstanceOf(ShardQueryException.class)
                    .satisfies(e ->
                            assertThat(((ShardQueryException) e).sqlState()).isEqualTo("57014"));
        }
    }

    @Test
    void defaults_nameTheConnectionAfterItsPool_andLeaveTheServersTimeout() {
        ShardkitConfig config = TestConfigs.withShards(
                        ShardkitConfig.builder(), servers.shards(), TestConfigs.pool(2, Duration.ofSeconds(1)))
                .build();
        try (ShardedDatabase db = ShardedDatabase.create(config)) {
            ShardKey key = ShardKey.of(TestConfigs.keyOnShard(db, 0, 1));

            assertThat(setting(db, key, "application_name")).isEqualTo("shardkit-social_0-primary");
            assertThat(setting(db, key, "statement_timeout")).isEqualTo("0");
        }
    }
}
