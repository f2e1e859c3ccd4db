package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsParserTest {

    @Test
    void parse_noArguments_givesTheDefaultsAndAnOpenLoopOfUsersOverThink() {
        LoadOptions o = OptionsParser.parse();

        assertThat(o.agents()).isEqualTo(LoadOptions.DEFAULT_AGENTS);
        assertThat(o.shards()).isEqualTo(4);
        assertThat(o.workload()).isEqualTo(WorkloadKind.SEED);
        assertThat(o.systems()).containsExactly(SystemKind.values());
        assertThat(o.rate()).isEqualTo(LoadOptions.DEFAULT_USERS / 5.0);
        assertThat(o.openLoop()).isTrue();
        assertThat(o.data()).isEqualTo(LoadOptions.DEFAULT_OUT.resolve("data"));
        assertThat(o.reuse()).isFalse();
    }

    @Test
    void parse_everyOption_isRead() {
        LoadOptions o = OptionsParser.parse(
                "--agents=1M",
                "--interactions",
                "10M",
                "--shards",
                "2",
                "--users",
                "10k",
                "--duration",
                "2m",
                "--rate",
                "2000",
                "--warmup",
                "0s",
                "--workload",
                "linkbench",
                "--systems",
                "single,shardkit",
                "--out",
                "o",
                "--data",
                "d",
                "--reuse",
                "--seed",
                "7",
                "--concurrency",
                "8");

        assertThat(o.agents()).isEqualTo(1_000_000);
        assertThat(o.interactions()).isEqualTo(10_000_000L);
        assertThat(o.shards()).isEqualTo(2);
        assertThat(o.users()).isEqualTo(10_000);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.rate()).isEqualTo(2000.0);
        assertThat(o.userThink()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.warmup()).isZero();
        assertThat(o.workload()).isEqualTo(WorkloadKind.LINKBENCH);
        assertThat(o.systems()).containsExactly(SystemKind.SINGLE, SystemKind.SHARDKIT);
        assertThat(o.out()).isEqualTo(Path.of("o"));
        assertThat(o.data()).isEqualTo(Path.of("d"));
        assertThat(o.reuse()).isTrue();
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.concurrency()).isEqualTo(8);
    }

    @Test
    void parse_rateZero_isAClosedLoop() {
        assertThat(OptionsParser.parse("--rate", "0").openLoop()).isFalse();
    }

    @Test
    void parse_rateAndThinkThatAgree_areAccepted() {
        LoadOptions o = OptionsParser.parse("--users", "10000", "--think", "5s", "--rate", "2000");

        assertThat(o.rate()).isEqualTo(2000.0);
    }

    @Test
    void parse_badValues_nameTheOptionAndTheValue() {
        List<String[]> cases = List.of(
                new String[] {"--agents", "abc"},
                new String[] {"--agents", "-3"},
                new String[] {"--shards", "0"},
                new String[] {"--rate", "-5"},
                new String[] {"--rate", "fast"},
                new String[] {"--duration", "soon"},
                new String[] {"--duration", "0s"},
                new String[] {"--think", "-1s"},
                new String[] {"--workload", "tpcc"},
                new String[] {"--systems", "shardkit,oracle"},
                new String[] {"--seed", "x1"},
                new String[] {"--concurrency", "1.5"});
        for (String[] args : cases) {
            assertThatThrownBy(() -> OptionsParser.parse(args))
                    .as("%s %s", args[0], args[1])
                    .isInstanceOfSatisfying(
                            UsageException.class, e -> assertThat(e.option()).isEqualTo(args[0]))
                    .hasMessageContaining(args[0])
                    .hasMessageContaining(args[1].contains(",") ? "oracle" : args[1]);
        }
    }

    @Test
    void parse_unknownOption_isNamed() {
        assertThatThrownBy(() -> OptionsParser.parse("--bogus", "1"))
                .isInstanceOfSatisfying(
                        UsageException.class, e -> assertThat(e.option()).isEqualTo("--bogus"))
                .hasMessageContaining("--bogus");
    }

    @Test
    void parse_missingValue_isNamed() {
        assertThatThrownBy(() -> OptionsParser.parse("--users"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--users needs a value");
    }

    @Test
    void parse_optionTwice_isRefused() {
        assertThatThrownBy(() -> OptionsParser.parse("--seed", "1", "--seed", "2"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--seed is given twice");
    }

    @Test
    void parse_systemTwice_isRefused() {
        assertThatThrownBy(() -> OptionsParser.parse("--systems", "naive,naive"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'naive' twice");
    }

    @Test
    void parse_rateThatDisagreesWithThink_isRefused() {
        assertThatThrownBy(() -> OptionsParser.parse("--users", "1000", "--think", "5s", "--rate", "500"))
                .isInstanceOfSatisfying(
                        UsageException.class, e -> assertThat(e.option()).isEqualTo("--rate"))
                .hasMessageContaining("200.0 requests/s");
    }

    @Test
    void parse_thinkInAClosedLoop_isRefused() {
        assertThatThrownBy(() -> OptionsParser.parse("--rate", "0", "--think", "1s"))
                .isInstanceOfSatisfying(
                        UsageException.class, e -> assertThat(e.option()).isEqualTo("--think"));
    }
}
