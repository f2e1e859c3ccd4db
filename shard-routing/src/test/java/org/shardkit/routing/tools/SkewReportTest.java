package org.shardkit.routing.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.StrategyKind;

class SkewReportTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void run_moduloWithLowRateSnowflake_reportsAllOnOneShard() {
        SkewStats stats = SkewReport.run(
                new String[] {"--strategy", "modulo", "--shards", "8", "--source", "snowflake", "--ids", "10000"}, out);
        assertThat(stats.peakToMean()).isEqualTo(8.0);
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("strategy=modulo shards=8 source=snowflake (1 id/ms) ids=10000")
                .contains("peak/mean=8.0000")
                .contains("SKEWED");
    }

    @Test
    void run_jumpWithRandomIds_evenWithinNoise() {
        SkewStats stats = SkewReport.run(new String[] {"--strategy", "jump", "--shards", "10", "--ids", "200000"}, out);
        assertThat(stats.counts()).hasSize(10);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("even within sampling noise");
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void run_everyRegistryName_reportsThatStrategy(StrategyKind kind) {
        SkewStats stats =
                SkewReport.run(new String[] {"--strategy", kind.configName(), "--shards", "4", "--ids", "20000"}, out);
        assertThat(stats.counts()).hasSize(4);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("strategy=" + kind.configName() + " shards=4 source=random ids=20000");
    }

    @Test
    void run_bucketsInOtherCase_reportsBuckets() {
        SkewReport.run(new String[] {"--strategy", " Buckets ", "--shards", "3", "--ids", "3000"}, out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("strategy=buckets shards=3");
    }

    @Test
    void run_noStrategyOption_defaultsToJump() {
        SkewReport.run(new String[] {"--ids", "1000"}, out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("strategy=jump shards=16");
    }

    @Test
    void run_unknownOrOldStrategyName_throwsListingTheFiveNames() {
        assertThatThrownBy(() -> SkewReport.run(new String[] {"--strategy", "ring"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "strategy must be one of buckets, consistent-hash, hash-modulo, jump, modulo, but was 'ring'");
        assertThatThrownBy(() -> SkewReport.run(new String[] {"--strategy", "topology"}, out))
                .hasMessage("strategy must be one of " + StrategyKind.names() + ", but was 'topology'");
    }

    @Test
    void usage_strategyOption_listsEveryRegistryNameAndDefault() {
        assertThat(SkewReport.usage())
                .contains("[--strategy buckets|consistent-hash|hash-modulo|jump|modulo]")
                .contains("[--strategy " + StrategyKind.names().replace(", ", "|") + "]")
                .contains("default strategy jump");
    }

    @Test
    void report_customSource_pluggable() {
        IdSource constant = () -> 7L;
        SkewStats stats = SkewReport.report(ShardStrategies.hashModulo(4), constant, 100, out);
        assertThat(stats.peak()).isEqualTo(100);
        assertThat(stats.total()).isEqualTo(100);
    }

    @Test
    void run_badOption_throwsNamingIt() {
        assertThatThrownBy(() -> SkewReport.run(new String[] {"--shards", "0"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardCount must be positive, but was 0");
        assertThatThrownBy(() -> SkewReport.run(new String[] {"--source", "lava"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source must be one of random, sequential, snowflake, but was lava");
        assertThatThrownBy(() -> SkewReport.run(new String[] {"--frobnicate", "1"}, out))
                .hasMessage("unknown option --frobnicate");
    }

    @Test
    void snowflake_sequenceRestartsEachMillisecond() {
        IdSource source = IdSources.snowflake(3, 2);
        long a = source.nextId();
        long b = source.nextId();
        long c = source.nextId();
        assertThat(a & 0xFFF).isZero();
        assertThat(b & 0xFFF).isEqualTo(1);
        assertThat(c & 0xFFF).isZero();
        assertThat(c >>> 22).isEqualTo((a >>> 22) + 1);
        assertThat((a >>> 12) & 0x3FF).isEqualTo(3);
    }
}
