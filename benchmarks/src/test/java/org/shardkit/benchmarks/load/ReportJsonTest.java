package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    @TempDir
    Path dir;

    @Test
    void report_hasExactlyTheIssuesShape_everyOptionAndEveryKey() throws Exception {
        LoadOptions options = OptionsParser.parse("--agents", "300", "--out", dir.toString());
        List<PhaseResult> phases = Fixtures.phases();
        List<ResultRow> rows = phases.stream().flatMap(p -> p.rows().stream()).toList();

        Path file = ReportJson.write(dir, options.asConfig(), rows);
        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(names(root)).containsExactly("config", "results");
        assertThat(names(root.get("config")))
                .containsExactly(
                        "agents",
                        "interactions",
                        "shards",
                        "users",
                        "duration",
                        "rate",
                        "think",
                        "warmup",
                        "workload",
                        "systems",
                        "out",
                        "data",
                        "reuse",
                        "seed",
                        "concurrency",
                        "suite_iterations");
        assertThat(root.get("config").get("agents").asInt()).isEqualTo(300);
        assertThat(root.get("config").get("systems").size()).isEqualTo(4);
        JsonNode results = root.get("results");
        assertThat(results.isArray()).isTrue();
        assertThat(results.size()).isEqualTo(rows.size()).isPositive();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            assertThat(names(r)).containsExactly(ResultRow.KEYS);
            assertThat(r.get("system").asText()).isEqualTo(rows.get(i).system());
            assertThat(r.get("operation").asText()).isEqualTo(rows.get(i).operation());
            assertThat(r.get("count").asLong()).isEqualTo(rows.get(i).count());
            assertThat(r.get("errors").asLong()).isEqualTo(rows.get(i).errors());
            for (String key : List.of("p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "throughput_ops")) {
                assertThat(r.get(key).isNumber()).as(key).isTrue();
            }
            assertThat(r.get("p50_ms").asDouble())
                    .isLessThanOrEqualTo(r.get("p99_ms").asDouble());
            assertThat(r.get("p99_ms").asDouble())
                    .isLessThanOrEqualTo(r.get("max_ms").asDouble());
        }
    }

    @Test
    void markdownAndPlots_areWrittenForTheSamePhases() throws Exception {
        LoadOptions options = OptionsParser.parse("--agents", "300", "--out", dir.toString());
        List<PhaseResult> phases = Fixtures.phases();

        List<String> plots = new ArrayList<>(LatencyPlots.write(dir, phases));
        plots.addAll(TimelinePlots.write(dir, phases));
        Path md = ReportMarkdown.write(
                dir,
                options,
                LoadServers.settings(4),
                new SeedSummary("300 agents", false, java.time.Duration.ofSeconds(3), "seeded."),
                phases,
                plots);

        assertThat(plots).contains("latency-seed-feed.png", "throughput-seed.png", "p99-seed.png");
        for (String plot : plots) {
            byte[] head = java.nio.file.Files.readAllBytes(dir.resolve(plot));
            assertThat(head).as(plot).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        String text = java.nio.file.Files.readString(md);
        assertThat(text).contains("Warm-up", "offered", "| feed | shardkit |", "| feed | naive |", "shared_buffers");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
