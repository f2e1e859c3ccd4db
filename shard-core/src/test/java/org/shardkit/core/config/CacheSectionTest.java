package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;

/** The cache section of shardkit.yaml, bound to shard-cache's settings with the file's paths and lines. */
class CacheSectionTest {
    private static final String SHARD0 =
            "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h/d\n      user: u\n";

    @Test
    void cacheSection_everyKey_bound() {
        String yaml = SHARD0
                + String.join(
                        "\n",
                        "cache:",
                        "  keyPrefix: 'svc:'",
                        "  channel: 'svc:inv'",
                        "  healthCheckInterval: 500ms",
                        "  reconnectDelay: PT0.1S",
                        "  startTimeout: 3s",
                        "  redis:",
                        "    host: redis.internal",
                        "    port: 6380",
                        "    user: svc",
                        "    password: ${REDIS_PW}",
                        "    tls: true",
                        "    database: 3",
                        "    connectTimeout: 150ms",
                        "    socketTimeout: 100ms",
                        "    poolSize: 8",
                        "    poolMaxWait: 20ms",
                        "  namespaces:",
                        "    agents:",
                        "      ttl: 10m",
                        "      localTtl: 30s",
                        "      maxSize: 50000",
                        "      negativeTtl: 5s",
                        "      maxValueBytes: 4096",
                        "    feeds:",
                        "      localCache: false",
                        "");

        CacheSettings s = Objects.requireNonNull(ShardkitConfig.fromYaml(yaml, Map.of("REDIS_PW", "Redis-Pw-7x9"))
                        .cache())
                .settings();

        assertThat(s.keyPrefix()).isEqualTo("svc:");
        assertThat(s.channel()).isEqualTo("svc:inv");
        assertThat(s.healthCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.reconnectDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(3));
        RedisSettings r = s.redis();
        assertThat(r.host()).isEqualTo("redis.internal");
        assertThat(r.port()).isEqualTo(6380);
        assertThat(r.user()).contains("svc");
        assertThat(r.password()).contains("Redis-Pw-7x9");
        assertThat(r.tls()).isTrue();
        assertThat(r.database()).isEqualTo(3);
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofMillis(150));
        assertThat(r.socketTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(r.poolSize()).isEqualTo(8);
        assertThat(r.poolMaxWait()).isEqualTo(Duration.ofMillis(20));
        NamespaceSettings agents = Objects.requireNonNull(s.namespaces().get("agents"));
        assertThat(agents.ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(agents.localTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(agents.maxSize()).isEqualTo(50_000);
        assertThat(agents.negativeTtl()).contains(Duration.ofSeconds(5));
        assertThat(agents.maxValueBytes()).isEqualTo(4096);
        NamespaceSettings feeds = Objects.requireNonNull(s.namespaces().get("feeds"));
        assertThat(feeds.localCache()).isFalse();
        assertThat(feeds.localTtl()).isEqualTo(NamespaceSettings.DEFAULT_TTL);
        assertThat(ShardkitConfig.fromYaml(yaml, Map.of("REDIS_PW", "Redis-Pw-7x9"))
                        .toString())
                .doesNotContain("Redis-Pw-7x9");
    }

    @Test
    void noCacheSection_meansNoCache() {
        assertThat(ShardkitConfig.fromYaml(SHARD0, Map.of()).cache()).isNull();
    }

    @Test
    void cacheProblems_areReportedWithPathAndLine_withTheRest() {
        String yaml = SHARD0
                + String.join(
                        "\n",
                        "pool:",
                        "  maximumSize: 0",
                        "cache:",
                        "  redis:",
                        "    hots: x",
                        "    port: 70000",
                        "    password: hunter2",
                        "  namespaces:",
                        "    agents:",
                        "      ttl: 0s",
                        "      ttl2: 5s",
                        "");

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .contains(
                                "pool.maximumSize: must be >= 1, but was 0 (line 8)",
                                "cache.redis.port: must be in [1, 65535], but was 70000 (line 12)",
                                "cache.redis.password: must come from the environment (${VAR}) or passwordFile,"
                                        + " not a literal value (line 13)",
                                "cache.namespaces.agents.ttl: must be positive, but was PT0S (line 16)")
                        .anySatisfy(p -> assertThat(p).startsWith("cache.redis.hots: unknown key (known: "))
                        .anySatisfy(p -> assertThat(p).startsWith("cache.namespaces.agents.ttl2: unknown key")));
    }

    @Test
    void namespaceWithoutSettings_hasEveryDefault_andTwoReadsAreEqual() {
        String yaml = SHARD0 + "cache:\n  namespaces:\n    agents:\n";

        ShardkitConfig once = ShardkitConfig.fromYaml(yaml, Map.of());
        CacheSettings cache = Objects.requireNonNull(once.cache()).settings();

        assertThat(cache.namespaces()).containsOnlyKeys("agents");
        assertThat(cache.namespaces().get("agents")).isEqualTo(NamespaceSettings.of("agents"));
        assertThat(ShardkitConfig.fromYaml(yaml, Map.of())).isEqualTo(once).hasSameHashCodeAs(once);
    }

    @Test
    void integerBeyondAnInt_isRefusedNamingTheValueWritten() {
        String yaml = SHARD0 + "cache:\n  redis:\n    port: 99999999999\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cache.redis.port: must be <= 2147483647, but was 99999999999 (line 9)");
    }
}
