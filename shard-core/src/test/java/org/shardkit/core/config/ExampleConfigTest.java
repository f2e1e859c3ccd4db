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
import org.shardkit.cache.CacheSettings;
import org.shardkit.routing.StrategyKind;

/**
 * Reads the documented example {@code examples/src/main/resources/shardkit.yaml}, so the file that
 * {@code docs/configuration.md} points users to can never stop parsing or drift from what it says.
 */
class ExampleConfigTest {
    /** Relative to the shard-core module directory, where surefire runs. */
    private static final Path EXAMPLE = Path.of("..", "examples", "src", "main", "resources", "shardkit.yaml");

    private static final String PASSWORD = "example-Pa55word";
    private static final String REDIS_PASSWORD = "example-redis-Pa55";
    private static final Map<String, String> ENV = Map.of(
            "SOCIAL_DB_PASSWORD", PASSWORD,
            "SOCIAL_REDIS_PASSWORD", REDIS_PASSWORD,
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
        PoolConfig topLevel = PoolConfig.builder()
                .maximumSize(10)
                .minimumIdle(2)
                .connectionTimeout(Duration.ofMillis(500))
                .maxLifetime(Duration.ofMinutes(30))
                .idleTimeout(Duration.ofMinutes(10))
                .leakDetectionThreshold(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(2))
                .statementTimeout(Duration.ofSeconds(30))
                .timeZone("UTC")
                .applicationName("social-service")
                .build();
        assertThat(s0.pool())
                .isEqualTo(topLevel.toBuilder().maximumSize(20).minimumIdle(4).build());

        ShardConfig s1 = config.shard(1);
        assertThat(s1.primary().url()).isEqualTo("jdbc:postgresql://localhost:6432/social_1");
        assertThat(s1.replicas()).isEmpty();
        assertThat(s1.pool()).isEqualTo(topLevel);
        assertThat(config.shard(2).primary().url())
                .isEqualTo("jdbc:postgresql://localhost:6432/social_2?sslmode=prefer");
        assertThat(config.shard(2).pool())
                .isEqualTo(topLevel.toBuilder()
                        .statementTimeout(Duration.ofSeconds(60))
                        .build());

        assertThat(config.topology())
                .isEqualTo(TopologyConfig.builder()
                        .strategy(StrategyKind.BUCKETS)
                        .bucketCount(4096)
                        .virtualNodes(2048)
                        .build());
        assertThat(config.idgen())
                .isEqualTo(IdGenConfig.builder()
                        .epoch(Instant.parse("2025-01-01T00:00:00Z"))
                        .source(IdGenConfig.Source.STATIC)
                        .workerId(7)
                        .build());
        assertThat(config.startup()).isEqualTo(StartupMode.EAGER);
        assertThat(config.replicaRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.metrics())
                .isEqualTo(MetricsConfig.builder()
                        .slowQueryThreshold(Duration.ofMillis(250))
                        .build());
        assertThat(config.limits())
                .isEqualTo(LimitsConfig.builder().maxConcurrent(200).build());
        assertThat(config.breaker()).isEqualTo(BreakerConfig.defaults());
        assertThat(config.twoPhase())
                .isEqualTo(
                        TwoPhaseConfig.builder().coordinator("social-service").build());
        CacheSettings cache = java.util.Objects.requireNonNull(config.cache()).settings();
        assertThat(cache.keyPrefix()).isEqualTo("social:cache:");
        assertThat(cache.redis().host()).isEqualTo("localhost");
        assertThat(cache.redis().password()).contains(REDIS_PASSWORD);
        assertThat(cache.namespaces()).containsOnlyKeys("agents");
        assertThat(java.util.Objects.requireNonNull(cache.namespaces().get("agents"))
                        .localTtl())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fromYaml_exampleWithOnlyThePassword_usesTheDocumentedDefaults() {
        ShardkitConfig config = ShardkitConfig.fromYaml(
                yaml, Map.of("SOCIAL_DB_PASSWORD", PASSWORD, "SOCIAL_REDIS_PASSWORD", REDIS_PASSWORD));

        assertThat(config.shards())
                .extracting(s -> s.primary().url())
                .containsExactly(
                        "jdbc:postgresql://localhost:5432/social_0",
                        "jdbc:postgresql://localhost:5432/social_1",
                        "jdbc:postgresql://localhost:5432/social_2?sslmode=prefer");
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
                                "shards[2].primary.password",
                                "cache.redis.password")))
                .hasMessageContaining("environment variable SOCIAL_DB_PASSWORD is not set");
    }

    @Test
    void toString_example_neverShowsThePassword() {
        assertThat(ShardkitConfig.fromYaml(yaml, ENV).toString())
                .doesNotContain(PASSWORD)
                .doesNotContain(REDIS_PASSWORD);
    }
}
