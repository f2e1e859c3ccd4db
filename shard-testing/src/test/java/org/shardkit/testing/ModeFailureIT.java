package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.shardkit.testing.internal.ExternalRedisServer;
import org.shardkit.testing.internal.FreePorts;
import org.testcontainers.DockerClientFactory;

/** A mode that cannot provide its servers fails at once, naming the mode, the cause and the way out. */
class ModeFailureIT {

    @Test
    void external_unreachablePostgres_namesShardUrlCauseAndAlternatives() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/nowhere";
        TestEnvironment env =
                TestEnvironment.from(Map.of(TestEnvironment.MODE, "external", TestEnvironment.PG_URLS, url));

        assertThatThrownBy(() -> ShardCluster.builder().environment(env).start())
                .isInstanceOf(TestKitException.class)
                .hasMessageStartingWith("external mode: cannot connect to shard 0 at " + url + " as 'postgres': ")
                .hasMessageContaining("SQLState 08001")
                .hasMessageContaining("SHARDKIT_TEST_MODE=embedded");
    }

    @Test
    void external_unreachableRedis_namesAddressAndAlternatives() {
        int port = FreePorts.next();
        URI uri = URI.create("redis://127.0.0.1:" + port);

        assertThatThrownBy(() -> ExternalRedisServer.connect(uri))
                .isInstanceOf(TestKitException.class)
                .hasMessageStartingWith("external mode: cannot reach Redis at 127.0.0.1:" + port + ": ")
                .hasMessageContaining("SHARDKIT_TEST_REDIS_URL")
                .hasMessageContaining("SHARDKIT_TEST_MODE=embedded");
    }

    @Test
    void external_moreShardsThanUrls_saysHowMany() {
        TestEnvironment env = TestEnvironment.from(
                Map.of(TestEnvironment.MODE, "external", TestEnvironment.PG_URLS, "jdbc:postgresql://127.0.0.1:1/a"));

        assertThatThrownBy(
                        () -> ShardCluster.builder().environment(env).shards(3).start())
                .isInstanceOf(TestKitException.class)
                .hasMessageStartingWith(
                        "external mode: 3 shards were asked for, but SHARDKIT_TEST_PG_URLS names only 1");
    }

    @Test
    void docker_withoutEngine_failsAtOnceNamingModeAndAlternatives() {
        Assumptions.assumeFalse(
                DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is present on this machine");
        TestEnvironment env = TestEnvironment.from(Map.of(TestEnvironment.MODE, "docker"));

        assertThatThrownBy(() -> ShardCluster.builder().environment(env).start())
                .isInstanceOf(TestKitException.class)
                .hasMessageStartingWith("docker mode: no Docker engine was detected")
                .hasMessageContaining("SHARDKIT_TEST_MODE=embedded");
    }
}
