package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the documented example {@code examples/src/main/resources/shardkit.yaml}, so the file that
 * {@code docs/configuration.md} points users to can never stop parsing or drift from what it says.
 */
class ExampleConfigTest {
    /** Relative to the shard-core module directory, where surefire runs. */
    private static final Path EXAMPLE = Path.of("..", "examples", "src", "main", "resources", "shardkit.yaml");

    private static final String PASSWORD = "example-Pa55word";
    private static final Map<String, String> ENV = Map.of(
            "SOCIAL_DB_PASSWORD", PASSWORD,
            "SOCIAL_DB0_HOST", "db0.internal",
            "SOCIAL_DB0_REPLICA_HOST", "db0-replica.internal",
            "SOCIAL_DB_PORT", "6432");

    private static String yaml;

    @BeforeAll
    static void readExample() throws IOException {
        yaml = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    }

    @Test
    void fromYaml_example_readsEverySectionAsCommented() {
        ShardkitConfig config = ShardkitConfig.fromYaml(yaml, ENV);

        assertThat(config.shards()).extracting(ShardConfig::name).containsExactly("social_0", "social_1", "social_2");

        ShardConfig s0 = config.shard(0);
        assertThat(s0.primary().url()).isEqualTo("jdbc:postgresql://db0.internal:6432/social_0");
        assertThat(s0.primary().user()).isEqualTo("app");
        assertThat(s0.primary().password().reveal()).isEqualTo(PASSWORD);
        assertThat(s0.replicas()).hasSize(1);
        ReplicaConfig replica = s0.replicas().get(0);
        assertThat(replica.endpoint().url()).isEqualTo("jdbc:postgresql://db0-replica.internal:6432/social_0");
        assertThat(replica.endpoint().password().reveal()).isEqualTo(PASSWORD);
        assertThat(replica.weight()).isEqualTo(2);
        // The shard's own pool section overrides two keys and inherits the rest from the top level.
        assertThat(s0.pool())
                .isEqualTo(new PoolConfig(
                        20,
                        4,
                        Duration.ofMillis(500),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10)));

        ShardConfig s1 = config.shard(1);
        assertThat(s1.primary().url()).isEqualTo("jdbc:postgresql://localhost:6432/social_1");
        assertThat(s1.replicas()).isEmpty();
        assertThat(s1.pool())
                .isEqualTo(new PoolConfig(
                        10,
                        2,
                        Duration.ofMillis(500),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10)));
        assertThat(config.shard(2).primary().url())
                .isEqualTo("jdbc:postgresql://localhost:6432/social_2?ApplicationName=social");

        assertThat(config.topology()).isEqualTo(new TopologyConfig("buckets", 4096, 2048));
        assertThat(config.idgen()).isEqualTo(new IdGenConfig(Instant.parse("2024-01-01T00:00:00Z"), "static", 7));
        assertThat(config.startup()).isEqualTo(StartupMode.EAGER);
        assertThat(config.replicaRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.metrics()).isEqualTo(new MetricsConfig(Duration.ofMillis(250), false));
        assertThat(config.limits()).isEqualTo(new LimitsConfig(0, 200));
    }

    @Test
    void fromYaml_exampleWithOnlyThePassword_usesTheDocumentedDefaults() {
        ShardkitConfig config = ShardkitConfig.fromYaml(yaml, Map.of("SOCIAL_DB_PASSWORD", PASSWORD));

        assertThat(config.shards())
                .extracting(s -> s.primary().url())
                .containsExactly(
                        "jdbc:postgresql://localhost:5432/social_0",
                        "jdbc:postgresql://localhost:5432/social_1",
                        "jdbc:postgresql://localhost:5432/social_2?ApplicationName=social");
        assertThat(config.shard(0).replicas().get(0).endpoint().url())
                .isEqualTo("jdbc:postgresql://localhost:5432/social_0");
    }

    @Test
    void fromYaml_examplePoolSizeFromEnvironment_isApplied() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SOCIAL_POOL_SIZE", "16");

        ShardkitConfig config = ShardkitConfig.fromYaml(yaml, env);

        assertThat(config.shard(1).pool().maximumSize()).isEqualTo(16);
        assertThat(config.shard(0).pool().maximumSize()).isEqualTo(20);
    }

    @Test
    void fromYaml_exampleWithoutPassword_namesEveryEndpointThatNeedsIt() {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyElementsOf(List.of(
                                "shards[0].primary.password",
                                "shards[0].replicas[0].password",
                                "shards[1].primary.password",
                                "shards[2].primary.password")))
                .hasMessageContaining("environment variable SOCIAL_DB_PASSWORD is not set");
    }

    @Test
    void toString_example_neverShowsThePassword() {
        assertThat(ShardkitConfig.fromYaml(yaml, ENV).toString()).doesNotContain(PASSWORD);
    }
}
