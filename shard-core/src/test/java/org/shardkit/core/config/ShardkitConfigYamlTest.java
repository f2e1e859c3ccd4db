package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardkit.routing.StrategyKind;

class ShardkitConfigYamlTest {
    private static final Map<String, String> ENV =
            Map.of("DB_PASSWORD", "s3cret-Pa55", "DB_HOST", "db.internal", "EMPTY", "");

    private static final String VALID = String.join(
            "\n",
            "shards:",
            "  - id: 0",
            "    name: social_0",
            "    primary:",
            "      url: jdbc:postgresql://${DB_HOST}:5432/social_0",
            "      user: app",
            "      password: ${DB_PASSWORD}",
            "    replicas:",
            "      - url: jdbc:postgresql://replica-a:5432/social_0",
            "        user: app",
            "        password: ${DB_PASSWORD}",
            "        weight: 2",
            "      - url: jdbc:postgresql://replica-b:5432/social_0",
            "        user: app",
            "        password: ${DB_PASSWORD}",
            "    pool:",
            "      maximumSize: 20",
            "  - id: 1",
            "    name: social_1",
            "    primary:",
            "      url: jdbc:postgresql://${DB_HOST_1:-db1.internal}:5432/social_1",
            "      user: app",
            "      password: ${DB_PASSWORD}",
            "pool:",
            "  maximumSize: 8",
            "  minimumIdle: 2",
            "  connectionTimeout: 250ms",
            "  maxLifetime: 30m",
            "  idleTimeout: PT10M",
            "  leakDetectionThreshold: 5s",
            "topology:",
            "  strategy: jump",
            "idgen:",
            "  epoch: 2024-06-01T00:00:00Z",
            "  workerId:",
            "    source: postgres",
            "startup: lazy",
            "replicaRetryAfter: 2s",
            "metrics:",
            "  slowQueryThreshold: 500ms",
            "  logBindValues: false",
            "limits:",
            "  maxConcurrentPerShard: 16",
            "  maxConcurrent: 64",
            "");

    @Test
    void fromYaml_validFile_readsEverySection() {
        ShardkitConfig config = ShardkitConfig.fromYaml(VALID, ENV);

        assertThat(config.shards()).hasSize(2);
        ShardConfig s0 = config.shard(0);
        assertThat(s0.name()).isEqualTo("social_0");
        assertThat(s0.primary().url()).isEqualTo("jdbc:postgresql://db.internal:5432/social_0");
        assertThat(s0.primary().password().reveal()).isEqualTo("s3cret-Pa55");
        assertThat(s0.replicas()).extracting(ReplicaConfig::weight).containsExactly(2, 1);
        assertThat(s0.pool().maximumSize()).isEqualTo(20);
        assertThat(s0.pool().minimumIdle()).isEqualTo(2); // inherited from the defaults section
        assertThat(config.shard(1).primary().url()).isEqualTo("jdbc:postgresql://db1.internal:5432/social_1");
        assertThat(config.shard(1).pool().maximumSize()).isEqualTo(8);
        assertThat(config.shard(1).pool().connectionTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.shard(1).pool().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.topology().strategy()).isEqualTo(StrategyKind.JUMP);
        assertThat(config.idgen().epoch()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(config.idgen().source()).isEqualTo(IdGenConfig.Source.POSTGRES);
        assertThat(config.startup()).isEqualTo(StartupMode.LAZY);
        assertThat(config.replicaRetryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.metrics().slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.limits().maxConcurrent()).isEqualTo(64);
    }

    @Test
    void toString_neverShowsThePassword() {
        ShardkitConfig config = ShardkitConfig.fromYaml(VALID, ENV);

        assertThat(config.toString()).doesNotContain("s3cret-Pa55").contains("******");
    }

    @Test
    void fromYaml_passwordFile_isReadRelativeToTheConfigFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("db.secret"), "from-a-file\n", StandardCharsets.UTF_8);
        Path file = dir.resolve("shardkit.yaml");
        Files.writeString(
                file,
                "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h/d\n"
                        + "      user: u\n      passwordFile: db.secret\n",
                StandardCharsets.UTF_8);

        assertThat(ShardkitConfig.fromYaml(file).shard(0).primary().password().reveal())
                .isEqualTo("from-a-file");
    }

    @Test
    void fromYaml_emptyVariable_takesTheDefault_asInTheShell() {
        ShardkitConfig config = ShardkitConfig.fromYaml(
                "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://${HOST:-fallback}/d\n"
                        + "      user: u\n",
                Map.of("HOST", ""));

        assertThat(config.shard(0).primary().url()).isEqualTo("jdbc:postgresql://fallback/d");
    }

    @Test
    void fromYaml_manyProblems_areAllReportedAtOnce() {
        String yaml = String.join(
                "\n",
                "shards:",
                "  - id: 0",
                "    primary:",
                "      user: app",
                "pool:",
                "  maximumSize: 0",
                "topology:",
                "  bucketCount: 1000",
                "");

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, ENV))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(
                                "pool.maximumSize: must be >= 1, but was 0 (line 6)",
                                "shards[0].name: missing (line 2)",
                                "shards[0].primary.url: missing (line 4)",
                                "topology.bucketCount: must be a power of two, but was 1000 (line 8)"));
    }

    static List<Arguments> malformed() {
        String shard0 = "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h/d\n"
                + "      user: u\n";
        return List.of(
                Arguments.of(
                        "empty file", "", "(root): must be a mapping with a 'shards' list, but was empty (line 1)"),
                Arguments.of(
                        "top-level list",
                        "- a\n- b\n",
                        "(root): must be a mapping with a 'shards' list, but was a list (line 1)"),
                Arguments.of("no shards", "pool:\n  maximumSize: 3\n", "shards: missing (line 1)"),
                Arguments.of(
                        "empty shard list",
                        "shards: []\n",
                        "shards: must be a non-empty list, but was an empty list (line 1)"),
                Arguments.of("bad YAML", "shards:\n  - id: 0\n   name: x\n  oops: [\n", "(yaml): not valid YAML: "),
                Arguments.of(
                        "duplicate key",
                        shard0 + "pool:\n  maximumSize: 3\n  maximumSize: 4\n",
                        "pool.maximumSize: duplicate key (line 9)"),
                Arguments.of(
                        "unknown top-level key",
                        shard0 + "shard_count: 4\n",
                        "shard_count: unknown key (known: breaker, cache, idgen, limits, metrics, pool,"
                                + " replicaRetryAfter, shards, startup, topology, twoPhase) (line 7)"),
                Arguments.of(
                        "misspelt endpoint key",
                        shard0 + "      pasword: x\n",
                        "shards[0].primary.pasword: unknown key (known: password, passwordFile, url, user) (line 7)"),
                Arguments.of(
                        "id not a number",
                        shard0.replace("id: 0", "id: zero"),
                        "shards[0].id: must be an integer, but was 'zero' (line 2)"),
                Arguments.of(
                        "negative id",
                        shard0.replace("id: 0", "id: -1"),
                        "shards[0].id: must be >= 0, but was -1 (line 2)"),
                Arguments.of(
                        "gap in ids",
                        shard0.replace("id: 0", "id: 1"),
                        "shards: must have ids 0..0 without gaps, but was ids [1] (0 is missing) (line 1)"),
                Arguments.of(
                        "duplicate ids",
                        shard0 + shard0.substring("shards:\n".length()).replace("s0", "s1"),
                        "shards[1].id: duplicate id 0 (also shards[0]) (line 7)"),
                Arguments.of(
                        "not a PostgreSQL URL",
                        shard0.replace("jdbc:postgresql://h/d", "jdbc:mysql://h/d"),
                        "shards[0].primary.url: must start with 'jdbc:postgresql:', but was 'jdbc:mysql://h/d' (line 5)"),
                Arguments.of(
                        "password in the URL",
                        shard0.replace("//h/d", "//h/d?password=hunter2"),
                        "shards[0].primary.url: must not carry a password (use password: ${VAR} or passwordFile),"
                                + " but was 'jdbc:postgresql://h/d?password=******' (line 5)"),
                Arguments.of(
                        "literal password",
                        shard0 + "      password: hunter2\n",
                        "shards[0].primary.password: must come from the environment (${VAR}) or passwordFile,"
                                + " not a literal value (line 7)"),
                Arguments.of(
                        "unset variable",
                        shard0 + "      password: ${NOT_SET}\n",
                        "shards[0].primary.password: environment variable NOT_SET is not set; set it, or use"
                                + " passwordFile (leave password out for no password) (line 7)"),
                Arguments.of(
                        "empty password variable",
                        shard0 + "      password: ${EMPTY}\n",
                        "shards[0].primary.password: environment variable EMPTY is empty; set it, or use"
                                + " passwordFile (leave password out for no password) (line 7)"),
                Arguments.of(
                        "unset variable elsewhere",
                        shard0 + "pool:\n  maximumSize: ${NOT_SET}\n",
                        "pool.maximumSize: environment variable NOT_SET is not set"
                                + " (use ${NOT_SET:-default} for a default) (line 8)"),
                Arguments.of(
                        "integer beyond an int",
                        shard0 + "pool:\n  maximumSize: 99999999999\n",
                        "pool.maximumSize: must be <= 10000, but was 99999999999 (line 8)"),
                Arguments.of(
                        "integer beyond a long",
                        shard0 + "pool:\n  maximumSize: 99999999999999999999999\n",
                        "pool.maximumSize: must be <= 10000, but was 99999999999999999999999 (line 8)"),
                Arguments.of(
                        "tab on line 2",
                        "shards:\n\t- id: 0\n",
                        "(yaml): not valid YAML: while scanning for the next token"),
                Arguments.of(
                        "time zone offset",
                        shard0 + "pool:\n  timeZone: +02:00\n",
                        "pool.timeZone: must be a region time zone such as UTC or Europe/Berlin (no offsets),"
                                + " but was '+02:00' (line 8)"),
                Arguments.of(
                        "redis source without a server",
                        shard0 + "idgen:\n  workerId:\n    source: redis\n",
                        "idgen.workerId.redis: must be set when source is redis (redis://host:port), but was missing"
                                + " (line 9)"),
                Arguments.of(
                        "bad duration",
                        shard0 + "pool:\n  connectionTimeout: 5 seconds\n",
                        "pool.connectionTimeout: must be a duration like 250ms, 5s, 10m, 1h or PT5S,"
                                + " but was '5 seconds' (line 8)"),
                Arguments.of(
                        "timeout below HikariCP's floor",
                        shard0 + "pool:\n  connectionTimeout: 100ms\n",
                        "pool.connectionTimeout: must be >= 250ms, but was 100ms (line 8)"),
                Arguments.of(
                        "minimumIdle above maximumSize",
                        shard0 + "pool:\n  maximumSize: 4\n  minimumIdle: 9\n",
                        "pool.minimumIdle: must be <= maximumSize (4), but was 9 (line 9)"),
                Arguments.of(
                        "unknown strategy",
                        shard0 + "topology:\n  strategy: range\n",
                        "topology.strategy: must be one of buckets, consistent-hash, hash-modulo, jump, modulo,"
                                + " but was 'range' (line 8)"),
                Arguments.of(
                        "replica weight zero",
                        shard0 + "    replicas:\n      - url: jdbc:postgresql://r/d\n"
                                + "        user: u\n        weight: 0\n",
                        "shards[0].replicas[0].weight: must be >= 1, but was 0 (line 10)"),
                Arguments.of(
                        "epoch not an instant",
                        shard0 + "idgen:\n  epoch: 2025-01-01\n",
                        "idgen.epoch: must be an ISO-8601 instant like 2025-01-01T00:00:00Z, but was '2025-01-01'"
                                + " (line 8)"),
                Arguments.of(
                        "bad startup",
                        shard0 + "startup: sometimes\n",
                        "startup: must be eager or lazy, but was 'sometimes' (line 7)"),
                Arguments.of(
                        "section that is a value",
                        shard0 + "pool: big\n",
                        "pool: must be a mapping, but was 'big' (line 7)"),
                Arguments.of(
                        "bad boolean",
                        shard0 + "metrics:\n  logBindValues: yes please\n",
                        "metrics.logBindValues: must be true or false, but was 'yes please' (line 8)"),
                Arguments.of(
                        "duration beyond a long",
                        shard0 + "pool:\n  connectionTimeout: 99999999999999999999s\n",
                        "pool.connectionTimeout: must be a duration like 250ms, 5s, 10m, 1h or PT5S,"
                                + " but was '99999999999999999999s' (line 8)"),
                Arguments.of(
                        "duration beyond Duration",
                        shard0 + "pool:\n  maxLifetime: 999999999999999d\n",
                        "pool.maxLifetime: must be a duration like"),
                Arguments.of(
                        "password with a literal default",
                        shard0 + "      password: ${DB_PW:-hunter2}\n",
                        "shards[0].primary.password: must not carry a default (${DB_PW:-...} puts a literal"
                                + " password in the file); use ${DB_PW} or passwordFile (line 7)"),
                Arguments.of(
                        "idle timeout HikariCP would ignore",
                        shard0 + "pool:\n  maxLifetime: 30s\n  idleTimeout: 30s\n",
                        "pool.idleTimeout: must be 0 or at least 1s below maxLifetime (30s), but was 30s (line 9)"),
                Arguments.of(
                        "worker id beyond 10 bits",
                        shard0 + "idgen:\n  workerId:\n    id: 5000000\n",
                        "idgen.workerId.id: must be <= 1023, but was 5000000 (line 9)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void fromYaml_malformed_reportsPathMessageAndLine(String name, String yaml, String expected) {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, ENV))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .extracting(ConfigProblem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(expected)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void builder_buildsTheSameAsYaml() {
        ShardkitConfig config = ShardkitConfig.builder()
                .shard(ShardConfig.of(0, "s0", EndpointConfig.of("jdbc:postgresql://h/d", "u", Secret.empty())))
                .topology(TopologyConfig.of(StrategyKind.CONSISTENT_HASH))
                .build();

        assertThat(config)
                .isEqualTo(ShardkitConfig.fromYaml(
                        "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h/d\n"
                                + "      user: u\ntopology:\n  strategy: consistent-hash\n",
                        Map.of()));
    }

    @Test
    void builder_rejectsBadValuesAtOnce() {
        assertThatThrownBy(() -> PoolConfig.builder().maximumSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumSize must be >= 1, but was 0");
        assertThatThrownBy(() -> PoolConfig.builder().maximumSize(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumSize must be <= 10000, but was 10001");
        assertThatThrownBy(() -> ShardkitConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must name at least one shard, but was empty");
        assertThatThrownBy(() -> TopologyConfig.builder().bucketCount(1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucketCount must be a power of two, but was 1000");
        assertThatThrownBy(() -> EndpointConfig.of("jdbc:postgresql://h/d?password=hunter2", "u", Secret.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must not carry a password (use password: ${VAR} or passwordFile), but was"
                        + " 'jdbc:postgresql://h/d?password=******'");
        assertThatThrownBy(
                        () -> PoolConfig.builder().minimumIdle(5).maximumSize(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimumIdle must be <= maximumSize (4), but was 5");
    }
}
