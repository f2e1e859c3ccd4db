package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The setters {@link ShardCluster.Builder} and {@link ShardServersExtension.Builder} share. */
class ServersSpecTest {

    static Stream<Named<Supplier<ServersSpec<?>>>> builders() {
        return Stream.of(
                Named.of("ShardCluster.Builder", ShardCluster::builder),
                Named.of("ShardServersExtension.Builder", ShardServersExtension::builder));
    }

    @ParameterizedTest
    @MethodSource("builders")
    void defaults_oneShardNoRedisNoSettingsEnvironmentFromSystem(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec = builder.get();

        assertThat(spec.shardCount()).isEqualTo(1);
        assertThat(spec.withRedis()).isFalse();
        assertThat(spec.serverSettings()).isEmpty();
        assertThat(spec.configuredEnvironment()).isNull();
    }

    @ParameterizedTest
    @MethodSource("builders")
    void setters_eachOnce_areKept(Supplier<ServersSpec<?>> builder) {
        TestEnvironment env = TestEnvironment.embedded();

        ServersSpec<?> spec = builder.get()
                .environment(env)
                .shards(3)
                .redis()
                .serverSetting("max_prepared_transactions", "8")
                .serverSetting("log_statement", "all");

        assertThat(spec.configuredEnvironment()).isSameAs(env);
        assertThat(spec.shardCount()).isEqualTo(3);
        assertThat(spec.withRedis()).isTrue();
        assertThat(spec.serverSettings())
                .containsExactlyInAnyOrderEntriesOf(Map.of("max_prepared_transactions", "8", "log_statement", "all"));
    }

    @ParameterizedTest
    @MethodSource("builders")
    void shards_givenTwiceDifferently_refusedNamingBothAndKeepsFirst(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec = builder.get().shards(2);

        assertThatThrownBy(() -> spec.shards(4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shards was already set to 2, cannot set it to 4");
        assertThat(spec.shardCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("builders")
    void shards_sameCountTwice_accepted(Supplier<ServersSpec<?>> builder) {
        assertThat(builder.get().shards(2).shards(2).shardCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("builders")
    void shards_invalidAfterValid_isStillAnArgumentError(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec = builder.get().shards(2);

        assertThatThrownBy(() -> spec.shards(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must be >= 1, but was 0");
    }

    @ParameterizedTest
    @MethodSource("builders")
    void environment_givenTwiceDifferently_refusedNamingBoth(Supplier<ServersSpec<?>> builder) {
        TestEnvironment embedded = TestEnvironment.embedded();
        TestEnvironment docker = TestEnvironment.from(Map.of(TestEnvironment.MODE, "docker"));
        ServersSpec<?> spec = builder.get().environment(embedded);

        assertThatThrownBy(() -> spec.environment(docker))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment was already set to " + embedded + ", cannot set it to " + docker)
                .hasMessageContaining("mode=embedded")
                .hasMessageContaining("mode=docker");
        assertThat(spec.configuredEnvironment()).isSameAs(embedded);
    }

    @ParameterizedTest
    @MethodSource("builders")
    void environment_equalTwice_accepted(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec =
                builder.get().environment(TestEnvironment.embedded()).environment(TestEnvironment.from(Map.of()));

        assertThat(spec.configuredEnvironment()).isEqualTo(TestEnvironment.embedded());
    }

    @ParameterizedTest
    @MethodSource("builders")
    void serverSetting_sameKeyTwoValues_refusedNamingKeyAndBothValues(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec = builder.get().serverSetting("max_prepared_transactions", "8");

        assertThatThrownBy(() -> spec.serverSetting("max_prepared_transactions", "16"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("server setting max_prepared_transactions was already set to '8', cannot set it to '16'");
        assertThat(spec.serverSettings()).containsExactlyEntriesOf(Map.of("max_prepared_transactions", "8"));
    }

    @ParameterizedTest
    @MethodSource("builders")
    void serverSetting_sameKeySameValue_accepted(Supplier<ServersSpec<?>> builder) {
        ServersSpec<?> spec =
                builder.get().serverSetting("log_statement", "all").serverSetting("log_statement", "all");

        assertThat(spec.serverSettings()).containsExactlyEntriesOf(Map.of("log_statement", "all"));
    }

    @ParameterizedTest
    @MethodSource("builders")
    void redis_twice_accepted(Supplier<ServersSpec<?>> builder) {
        assertThat(builder.get().redis().redis().withRedis()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("builders")
    void serverSetting_blankValue_refusedNamingKey(Supplier<ServersSpec<?>> builder) {
        assertThatThrownBy(() -> builder.get().serverSetting("log_statement", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server setting log_statement must have a value, but was blank");
    }

    @Test
    void publicBuilders_chainToTheirOwnTypes() {
        // Source compatibility: the shared setters return each builder's own type.
        ShardCluster.Builder cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(2)
                .redis()
                .serverSetting("log_statement", "all");
        ShardServersExtension.Builder extension = ShardServersExtension.builder()
                .shards(2)
                .redis()
                .serverSetting("log_statement", "all")
                .environment(TestEnvironment.embedded());

        assertThat(cluster.shardCount()).isEqualTo(extension.shardCount()).isEqualTo(2);
        assertThat(extension.build()).isNotNull();
    }
}
