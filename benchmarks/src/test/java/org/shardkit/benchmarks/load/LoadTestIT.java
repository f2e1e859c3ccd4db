package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at tiny scale: real embedded servers, a seeded graph of 300 agents, all
 * four systems through the seed workload (suite and a 2 s open-loop mixed run), then a second run
 * that reuses the data directories. Checks the report's shape and counts, not speed.
 */
class LoadTestIT {
    @TempDir
    Path dir;

    @Test
    void tinyRun_allFourSystems_writeTheReport_andASecondRunReusesTheData() throws Exception {
        Path out = dir.resolve("out");
        LoadOptions options = tinyRun("2s", "1s", out);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        List<ResultRow> rows = new LoadTest(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        System.out.println(console.toString(StandardCharsets.UTF_8));
        System.out.println(Files.readString(out.resolve(ReportMarkdown.FILE)));

        JsonNode root = new ObjectMapper().readTree(out.resolve(ReportJson.FILE).toFile());
        assertThat(root.get("results").size()).isEqualTo(rows.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode r : root.get("results")) {
            String system = r.get("system").asText();
            String workload = r.get("workload").asText();
            String operation = r.get("operation").asText();
            seen.add(system + "/" + workload + "/" + operation);
            if (workload.equals(WorkloadRunner.SUITE_PHASE)) {
                long expected = operation.equals("create_agent")
                        ? WorkloadRunner.SUITE_CREATIONS
                        : WorkloadRunner.SUITE_ITERATIONS;
                assertThat(r.get("count").asLong())
                        .as("%s %s", system, operation)
                        .isEqualTo(expected);
            }
            // Known finding, not the harness's: ShardingSphere's agent creation by 100 concurrent callers
            // exhausts its 16-connection shard pools (waits past the 5 s connection timeout), so those
            // errors are reported, not asserted away. Everything else must be error-free.
            boolean knownContention = system.equals("shardingsphere") && operation.equals("create_agent");
            if (!knownContention) {
                assertThat(r.get("errors").asLong())
                        .as("errors of %s %s %s", system, workload, operation)
                        .isZero();
            }
        }
        for (SystemKind kind : SystemKind.values()) {
            for (String op : List.of("create_agent", "feed", "compatible_agents", "friend_list")) {
                assertThat(seen).contains(kind.code() + "/" + WorkloadRunner.SUITE_PHASE + "/" + op);
            }
            assertThat(seen).contains(kind.code() + "/seed/feed", kind.code() + "/seed/record_interaction");
        }
        assertThat(out.resolve(ReportMarkdown.FILE)).exists();
        assertThat(out.resolve("latency-seed-feed.png")).exists();
        assertThat(out.resolve("throughput-seed.png")).exists();
        assertThat(out.resolve("hdr").resolve("shardkit-seed.hlog")).exists();
        assertThat(options.data().resolve(SeedMarker.FILE)).exists();

        LoadOptions again = tinyRun(
                "1s",
                "0s",
                dir.resolve("out2"),
                "--data",
                options.data().toString(),
                "--reuse",
                "--systems",
                "shardkit",
                "--workload",
                "linkbench");
        ByteArrayOutputStream console2 = new ByteArrayOutputStream();
        List<ResultRow> second = new LoadTest(again, new PrintStream(console2, true, StandardCharsets.UTF_8)).run();

        assertThat(console2.toString(StandardCharsets.UTF_8)).contains("reused the seeded data directories");
        assertThat(second).extracting(ResultRow::workload).containsOnly("linkbench");
        assertThat(second).extracting(ResultRow::operation).contains("get_link_list");
        assertThat(Files.readString(dir.resolve("out2").resolve(ReportMarkdown.FILE)))
                .contains("linkbench");
    }

    /** Both runs' options: the tiny graph, 50 users at 100/s, 8 callers; the phase lengths, output and extras given. */
    private static LoadOptions tinyRun(String duration, String warmup, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--agents",
                "300",
                "--interactions",
                "3000",
                "--shards",
                "2",
                "--users",
                "50",
                "--rate",
                "100",
                "--duration",
                duration,
                "--warmup",
                warmup,
                "--out",
                out.toString(),
                "--concurrency",
                "8"));
        args.addAll(List.of(extra));
        return OptionsParser.parse(args.toArray(new String[0]));
    }
}
