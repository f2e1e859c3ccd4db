package org.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's command line: defaults, both flag forms, and a clear error for every bad value. */
class DemoOptionsTest {

    @Test
    void parse_noFlags_givesTheDefaults() {
        DemoOptions o = DemoOptions.parse(List.of());

        assertThat(o).isEqualTo(DemoOptions.defaults());
        assertThat(o.agents()).isEqualTo(100_000);
        assertThat(o.users()).isEqualTo(1_000);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.config()).isNull();
        assertThat(o.keepRunning()).isFalse();
    }

    @Test
    void parse_everyFlag_bothForms(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("shardkit.yaml"), "shards: []\n");

        DemoOptions o = DemoOptions.parse(List.of(
                "--agents=1,000,000",
                "--duration",
                "2m",
                "--users",
                "5000",
                "--think-time=250ms",
                "--metrics-port",
                "9404",
                "--config",
                yaml.toString(),
                "--keep-running",
                "--seed=-7"));

        assertThat(o.agents()).isEqualTo(1_000_000);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.users()).isEqualTo(5000);
        assertThat(o.thinkTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.metricsPort()).isEqualTo(9404);
        assertThat(o.config()).isEqualTo(yaml);
        assertThat(o.keepRunning()).isTrue();
        assertThat(o.seed()).isEqualTo(-7);
    }

    @Test
    void durationOf_acceptsUnitsBareSecondsAndIso() {
        assertThat(DemoOptions.durationOf("--duration", "45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DemoOptions.durationOf("--duration", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DemoOptions.durationOf("--duration", "PT90S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void parse_badValues_nameTheFlagAndTheValue() {
        assertUsage(List.of("--agents", "many"), "--agents", "--agents must be a whole number, but was 'many'");
        assertUsage(List.of("--agents", "5"), "--agents", "--agents must be between 100 and 10000000, but was 5");
        assertUsage(List.of("--users=0"), "--users", "--users must be between 1 and 100000, but was 0");
        assertUsage(
                List.of("--duration", "soon"),
                "--duration",
                "--duration must be a duration such as 30s, 500ms, 2m or 1h, but was 'soon'");
        assertUsage(List.of("--metrics-port", "70000"), "--metrics-port", "--metrics-port must be between 0 and 65535");
        assertUsage(List.of("--config", "/no/such/shardkit.yaml"), "--config", "must be a readable file");
    }

    @Test
    void parse_badFlags_sayWhichAndWhy() {
        assertUsage(List.of("--agnets", "5"), "--agnets", "unknown flag --agnets");
        assertUsage(List.of("--agents"), "--agents", "--agents needs a value");
        assertUsage(List.of("--agents", "200", "--agents", "300"), "--agents", "--agents was given twice");
        assertUsage(List.of("--keep-running=yes"), "--keep-running", "--keep-running takes no value");
        assertUsage(List.of("agents"), "agents", "unexpected argument 'agents'");
    }

    private static void assertUsage(List<String> args, String flag, String message) {
        assertThatThrownBy(() -> DemoOptions.parse(args))
                .isInstanceOfSatisfying(
                        UsageException.class, e -> assertThat(e.flag()).isEqualTo(flag))
                .hasMessageContaining(message);
    }
}
