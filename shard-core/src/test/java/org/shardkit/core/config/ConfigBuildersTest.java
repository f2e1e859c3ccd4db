package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardkit.routing.StrategyKind;

/** The config builders: one source of every bound, settings given once, copies that can grow. */
class ConfigBuildersTest {
    private static final String SHARD0 =
            "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h/d\n      user: u\n";

    @Test
    void setter_givenTwice_isRefusedNamingTheSettingAndItsValue() {
        assertThatThrownBy(() -> PoolConfig.builder().maximumSize(5).maximumSize(6))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maximumSize was already set to 5, cannot set it to 6");
        assertThatThrownBy(() -> BreakerConfig.builder()
                        .openDuration(Duration.ofSeconds(2))
                        .openDuration(Duration.ofSeconds(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("openDuration was already set to 2s, cannot set it to 3s");
        assertThatThrownBy(() -> ShardkitConfig.builder()
                        .topology(TopologyConfig.defaults())
                        .topology(TopologyConfig.of(StrategyKind.JUMP)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("topology was already set to TopologyConfig[strategy=buckets");
    }

    @Test
    void toBuilder_startsFromTheCopy_andChangesOnlyWhatIsGiven() {
        PoolConfig base = PoolConfig.builder()
                .maximumSize(20)
                .statementTimeout(Duration.ofSeconds(30))
                .build();

        PoolConfig copy = base.toBuilder().maximumSize(40).build();

        assertThat(copy.maximumSize()).isEqualTo(40);
        assertThat(copy.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(copy.minimumIdle()).isEqualTo(PoolConfig.DEFAULT_MINIMUM_IDLE);
        assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(ShardkitConfig.fromYaml(SHARD0, Map.of()).toBuilder().build())
                .isEqualTo(ShardkitConfig.fromYaml(SHARD0, Map.of()));
    }

    @Test
    void yamlAndBuilder_shareOneBound() {
        // The bound lives in the builder; YAML reports it with the key's path and line.
        assertThatThrownBy(() -> PoolConfig.builder().maximumSize(20_000))
                .hasMessage("maximumSize must be <= 10000, but was 20000");
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(SHARD0 + "pool:\n  maximumSize: 20000\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pool.maximumSize: must be <= 10000, but was 20000 (line 8)");
    }

    @Test
    void sessionSettings_areReadPerPool_withPerShardOverrides() {
        String yaml = SHARD0.replace("      user: u\n", "      user: u\n    pool:\n      statementTimeout: 60s\n")
                + "pool:\n  statementTimeout: 30s\n  timeZone: Asia/Shanghai\n  applicationName: social\n"
                + "  connectTimeout: 3s\n";

        PoolConfig pool = ShardkitConfig.fromYaml(yaml, Map.of()).shard(0).pool();

        assertThat(pool.statementTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pool.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(pool.applicationName()).isEqualTo("social");
        assertThat(pool.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml.replace("3s", "1500ms"), Map.of()))
                .hasMessageContaining("pool.connectTimeout: must be whole seconds, but was 1500ms");
    }

    @Test
    void yamlSyntaxError_reportsTheLineTheParserNames() {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml("shards:\n\t- id: 0\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .singleElement()
                        .satisfies(p -> {
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.message()).contains("line 2, column 1");
                        }));
    }

    @Test
    void limits_perShardLimit_isThePoolTimesOnePlusReplicas_whenZero() {
        EndpointConfig e = EndpointConfig.of("jdbc:postgresql://h/d", "u", Secret.empty());
        ShardConfig shard = ShardConfig.builder(0, "s0", e)
                .replica(new ReplicaConfig(e, 1))
                .replica(new ReplicaConfig(e, 1))
                .pool(PoolConfig.builder().maximumSize(7).build())
                .build();

        assertThat(LimitsConfig.defaults().perShardLimit(shard)).isEqualTo(21);
        assertThat(LimitsConfig.builder().maxConcurrentPerShard(5).build().perShardLimit(shard))
                .isEqualTo(5);
    }

    @Test
    void idgen_redisSource_takesTheServerAndAPasswordFromTheEnvironment() {
        String yaml = SHARD0 + "idgen:\n  workerId:\n    source: redis\n    redis: redis://cache:6380/2\n"
                + "    redisPassword: ${REDIS_PW}\n";

        IdGenConfig idgen =
                ShardkitConfig.fromYaml(yaml, Map.of("REDIS_PW", "pw-1")).idgen();

        assertThat(idgen.source()).isEqualTo(IdGenConfig.Source.REDIS);
        assertThat(idgen.redis()).isEqualTo(URI.create("redis://cache:6380/2"));
        assertThat(idgen.redisPassword().reveal()).isEqualTo("pw-1");
        assertThat(idgen.toString()).doesNotContain("pw-1");
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml.replace("${REDIS_PW}", "pw-1"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "idgen.workerId.redisPassword: must come from the environment (${VAR}) or redisPasswordFile, not a literal value")
                .hasMessageNotContaining("pw-1");
    }

    @Test
    void redisUri_withAPassword_isRefusedWithoutEchoingIt() {
        for (String uri : new String[] {
            "redis://u:s3cret@h:1", "redis://s3cret@h:1", "redis://u:s3cret@h:1/x", "re dis://u:s3cret@h"
        }) {
            String yaml = SHARD0 + "idgen:\n  workerId:\n    source: redis\n    redis: " + uri + "\n";

            assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("idgen.workerId.redis: must")
                    .hasMessageNotContaining("s3cret")
                    .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                            .as("one problem, not a second one that follows from it")
                            .hasSize(1));
        }
    }

    @Test
    void redisUri_withADatabaseThatIsNotANumber_isRefusedAtRead() {
        assertThatThrownBy(() -> IdGenConfig.builder().redis(URI.create("redis://h/abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redis must be redis://host:port[/database] or rediss://..., but was 'redis://h/abc'");
        assertThat(IdGenConfig.builder()
                        .redis(URI.create("redis://h:6380/3"))
                        .build()
                        .redis())
                .isEqualTo(URI.create("redis://h:6380/3"));
    }

    @Test
    void emptyPrimary_isAProblem_notASilentlyDroppedShard() {
        String yaml = SHARD0 + "  - id: 1\n    name: s1\n    primary:\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shards[1].primary: must be a mapping with url and user, but was empty (line 9)");
    }

    @Test
    void shardIdBeyondAnInt_saysTheBoundAndTheValueWritten() {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(SHARD0.replace("id: 0", "id: 99999999999"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shards[0].id: must be <= 2147483647, but was 99999999999 (line 2)");
    }

    @Test
    void statementTimeout_andOptionsInTheUrl_areRefusedTogether() {
        String yaml = SHARD0.replace("jdbc:postgresql://h/d", "jdbc:postgresql://h/d?options=-c%20work_mem=64MB")
                + "pool:\n  statementTimeout: 30s\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shards[0].pool.statementTimeout: cannot be combined with options= in a URL");
        assertThat(ShardkitConfig.fromYaml(yaml.replace("statementTimeout: 30s", "statementTimeout: 0"), Map.of())
                        .shard(0)
                        .pool()
                        .statementTimeout())
                .isZero();
    }

    @Test
    void topologyThatCannotFitTheShards_isAProblemOfTheFile() {
        String yaml =
                SHARD0 + "  - id: 1\n    name: s1\n    primary:\n      url: jdbc:postgresql://h/d\n      user: u\n"
                        + "topology:\n  strategy: buckets\n  bucketCount: 1\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("topology: must fit 2 shards: ")
                .hasMessageContaining("(line 12)");
    }

    @Test
    void idgenWithoutAWorkerId_hasNone_andWithSourceOrIdHasOne() {
        assertThat(IdGenConfig.defaults().hasWorkerId()).isFalse();
        assertThat(ShardkitConfig.fromYaml(SHARD0, Map.of()).idgen().hasWorkerId())
                .isFalse();
        assertThat(IdGenConfig.builder().workerId(0).build().hasWorkerId()).isTrue();
        assertThat(ShardkitConfig.fromYaml(SHARD0 + "idgen:\n  workerId:\n    source: static\n", Map.of())
                        .idgen()
                        .hasWorkerId())
                .isTrue();
    }

    @Test
    void badShardName_isReportedBesideTheShardsOtherProblems() {
        String yaml = SHARD0.replace("name: s0", "name: bad name") + "      password: ${NOT_SET}\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shards[0].name: must be letters, digits, _ . - (1 to 63), but was 'bad name'")
                .hasMessageContaining("shards[0].primary.password: environment variable NOT_SET is not set");
    }
}
