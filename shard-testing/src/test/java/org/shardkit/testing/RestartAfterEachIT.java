package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** A test that stops servers and leaves them stopped; the extension must start them before the next test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartAfterEachIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).redis().build();

    @Test
    @Order(1)
    void first_stopsAShardAndRedis_andLeavesThemStopped() {
        servers.assumeRestartableServers();
        servers.shard(1).stopServer();
        servers.redis().stopServer();

        assertThat(servers.shard(1).server().isRunning()).isFalse();
        assertThat(servers.redis().server().isRunning()).isFalse();
    }

    @Test
    @Order(2)
    void second_findsThemRunningAgain() throws SQLException {
        servers.assumeRestartableServers();
        assertThat(ShardServersExtensionIT.query(servers.shard(1), "SELECT 1")).isEqualTo("1");
        try (Jedis jedis = new Jedis(servers.redis().host(), servers.redis().port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }
}
