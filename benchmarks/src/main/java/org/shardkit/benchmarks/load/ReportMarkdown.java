package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code report.md}: the configuration, the servers, the seeding, then per phase the
 * offered and achieved rates and a table per operation and system, the warm-up stated, the first
 * error messages, and the plots. Stateless.
 */
final class ReportMarkdown {
    /** The report's file name. */
    static final String FILE = "report.md";

    private ReportMarkdown() {}

    /**
     * Writes the report.
     *
     * @param directory the output directory
     * @param options the run's options
     * @param serverSettings what the embedded servers were started with
     * @param seed how the data came
     * @param phases every system's phases, in run order
     * @param plots the plot files, relative to {@code directory}
     * @return the file written
     */
    static Path write(
            Path directory,
            LoadOptions options,
            Map<String, String> serverSettings,
            SeedSummary seed,
            List<PhaseResult> phases,
            List<String> plots)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Load test: ").append(options.workload().code()).append("\n\n");
        md.append("## Configuration\n\n| option | value |\n|---|---|\n");
        options.asConfig()
                .forEach((k, v) ->
                        md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        md.append(
                options.openLoop()
                        ? String.format(
                                Locale.ROOT,
                                "Open loop: %.1f requests/s offered by %,d simulated users, each thinking %s on average"
                                        + " (exponential); latency is timed from each request's intended start.%n%n",
                                options.rate(),
                                options.users(),
                                DurationText.format(options.userThink()))
                        : String.format(
                                Locale.ROOT,
                                "Closed loop: %d callers back to back; throughput is the saturation throughput, latency"
                                        + " the service time from each request's actual start.%n%n",
                                options.concurrency()));
        md.append(String.format(
                Locale.ROOT,
                "Warm-up: each system ran %s before its measured window of %s; requests intended during the"
                        + " warm-up are in no figure. The seed suite's phases (workload `%s`) have no warm-up, as"
                        + " in the seed. Errors are counted and their latencies kept in every percentile.%n%n",
                DurationText.format(options.warmup()),
                DurationText.format(options.duration()),
                WorkloadRunner.SUITE_PHASE));
        md.append("## Servers\n\n")
                .append(options.shards())
                .append(" embedded PostgreSQL shards and one `single`" + " server, on this machine, started with:\n\n");
        serverSettings.forEach(
                (k, v) -> md.append("- `").append(k).append(" = ").append(v).append("`\n"));
        md.append("\n## Data\n\n").append(seed.graph()).append(": ").append(seed.note());
        if (!seed.reused()) {
            md.append(String.format(
                    Locale.ROOT, " Seeding took %.1f s.", seed.seedTime().toMillis() / 1000.0));
        }
        md.append("\n\n");
        Set<String> names = new LinkedHashSet<>();
        phases.forEach(p -> names.add(p.phase()));
        for (String name : names) {
            md.append("## Workload `").append(name).append("`\n\n");
            if (!name.equals(WorkloadRunner.SUITE_PHASE)) {
                rates(md, phases, name);
            }
            table(md, phases, name);
        }
        errors(md, phases);
        if (!plots.isEmpty()) {
            md.append("## Plots\n\n");
            for (String plot : plots) {
                md.append("![").append(plot).append("](").append(plot).append(")\n\n");
            }
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return file;
    }

    private static void rates(StringBuilder md, List<PhaseResult> phases, String phase) {
        md.append(
                "| system | offered ops/s | achieved ops/s | window | lost (never sent, or queued and never run by the drain deadline) |\n|---|---:|---:|---:|---:|\n");
        for (PhaseResult p : phases) {
            if (p.phase().equals(phase)) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.1f | %.1f s | %d |%n",
                        p.system(),
                        p.openLoop()
                                ? String.format(Locale.ROOT, "%.1f", p.outcome().offeredRate())
                                : "closed loop",
                        p.achievedRate(),
                        p.outcome().measuredSeconds(),
                        p.outcome().lost()));
            }
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, List<PhaseResult> phases, String phase) {
        md.append("| operation | system | count | errors | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | ops/s |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Operation op : Operation.values()) {
            for (PhaseResult p : phases) {
                if (!p.phase().equals(phase)) {
                    continue;
                }
                for (ResultRow r : p.rows()) {
                    if (r.operation().equals(op.reportName())) {
                        md.append(String.format(
                                Locale.ROOT,
                                "| %s | %s | %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                                r.operation(),
                                r.system(),
                                r.count(),
                                r.errors(),
                                r.p50Ms(),
                                r.p95Ms(),
                                r.p99Ms(),
                                r.p999Ms(),
                                r.maxMs(),
                                r.throughputOps()));
                    }
                }
            }
        }
        md.append('\n');
    }

    private static void errors(StringBuilder md, List<PhaseResult> phases) {
        StringBuilder lines = new StringBuilder();
        for (PhaseResult p : phases) {
            for (OperationResult o : p.operations()) {
                for (String sample : o.errorSamples()) {
                    lines.append("- ")
                            .append(p.system())
                            .append(" / ")
                            .append(p.phase())
                            .append(" / ")
                            .append(o.operation().reportName())
                            .append(": ")
                            .append(sample.replace('\n', ' '))
                            .append('\n');
                }
            }
        }
        if (lines.length() > 0) {
            md.append("## First errors\n\n").append(lines).append('\n');
        }
    }
}
