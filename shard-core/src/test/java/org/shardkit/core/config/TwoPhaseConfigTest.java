package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code twoPhase} section and {@link TwoPhaseConfig}'s builder. */
class TwoPhaseConfigTest {
    private static final String SHARDS =
            "shards:\n  - id: 0\n    name: s0\n    primary: { url: \"jdbc:postgresql://h/db\", user: app }\n";

    @Test
    void defaults_areDisabled_withTheDocumentedValues() {
        TwoPhaseConfig d = TwoPhaseConfig.defaults();

        assertThat(d.enabled()).isFalse();
        assertThat(d.coordinator()).isEqualTo("default");
        assertThat(d.recoveryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.inDoubtGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ShardkitConfig.fromYaml(SHARDS, Map.of()).twoPhase()).isEqualTo(d);
    }

    @Test
    void fromYaml_twoPhaseSection_setsEveryKey() {
        ShardkitConfig config = ShardkitConfig.fromYaml(
                SHARDS + "twoPhase:\n  enabled: true\n  coordinator: ${NODE:-orders-1}\n"
                        + "  recoveryInterval: 10s\n  inDoubtGrace: 5s\n",
                Map.of());

        assertThat(config.twoPhase())
                .isEqualTo(TwoPhaseConfig.builder()
                        .enabled(true)
                        .coordinator("orders-1")
                        .recoveryInterval(Duration.ofSeconds(10))
                        .inDoubtGrace(Duration.ofSeconds(5))
                        .build());
        assertThat(config.toString()).contains("twoPhase=TwoPhaseConfig[enabled=true, coordinator=orders-1");
    }

    @Test
    void fromYaml_badValues_areReportedWithTheirPaths() {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(
                        SHARDS + "twoPhase:\n  enabled: yes\n  coordinator: \"a:b\"\n  recoveryInterval: 50ms\n"
                                + "  inDoubtGrace: 11m\n  graceTime: 1s\n",
                        Map.of()))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + ": " + p.message())
                                .containsExactly(
                                        "twoPhase.enabled: must be true or false, but was 'yes'",
                                        "twoPhase.coordinator: must be 1 to 63 of the characters A-Z a-z 0-9 _ . -, but was"
                                                + " 'a:b'",
                                        "twoPhase.recoveryInterval: must be 0 (off) or >= 100ms, but was 50ms",
                                        "twoPhase.inDoubtGrace: must be <= 10m, but was 11m",
                                        "twoPhase.graceTime: unknown key (known: coordinator, enabled, inDoubtGrace,"
                                                + " recoveryInterval)"));
    }

    @Test
    void builder_bounds_nameTheSettingAndValue() {
        assertThatThrownBy(() -> TwoPhaseConfig.builder().coordinator(""))
                .hasMessage("coordinator must be 1 to 63 of the characters A-Z a-z 0-9 _ . -, but was ''");
        assertThatThrownBy(() -> TwoPhaseConfig.builder().coordinator("x".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwoPhaseConfig.builder().recoveryInterval(Duration.ofDays(2)))
                .hasMessage("recoveryInterval must be <= 86400s, but was 172800s");
        assertThatThrownBy(() -> TwoPhaseConfig.builder().inDoubtGrace(Duration.ofMillis(-1)))
                .hasMessage("inDoubtGrace must be >= 0ms, but was -1ms");
        assertThat(TwoPhaseConfig.builder()
                        .recoveryInterval(Duration.ZERO)
                        .inDoubtGrace(Duration.ZERO)
                        .build()
                        .recoveryInterval())
                .isZero();
    }

    @Test
    void builder_settingGivenTwice_isRefused() {
        TwoPhaseConfig.Builder b = TwoPhaseConfig.builder().coordinator("a");

        assertThatThrownBy(() -> b.coordinator("b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("coordinator was already set to a, cannot set it to b");
        assertThatThrownBy(() -> ShardkitConfig.builder()
                        .twoPhase(TwoPhaseConfig.defaults())
                        .twoPhase(TwoPhaseConfig.defaults()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toBuilder_keepsEverySetting() {
        TwoPhaseConfig c = TwoPhaseConfig.builder()
                .enabled(true)
                .coordinator("n")
                .inDoubtGrace(Duration.ofSeconds(1))
                .build();

        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    }
}
