package org.shardkit.benchmarks.load;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load harness of issue 15: the same workload, on the same seeded graph, against each system
 * in turn (shardkit, the seed's naive code, one unsharded server, ShardingSphere-JDBC), with
 * latencies timed from each request's intended start and written as {@code report.json},
 * {@code report.md}, PNG plots and HdrHistogram interval logs in {@code --out}.
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.shardkit.benchmarks.load.LoadTest \
 *     --agents 1M --interactions 10M --users 10k --duration 2m --workload seed --out load-1m --reuse
 * }</pre>
 *
 * <p>See {@code docs/load-test.md} for the options, the workloads and how to read the figures.
 */
public final class LoadTest {
    private final LoadOptions options;
    private final PrintStream console;

    /**
     * Creates a run.
     *
     * @param options the run's options
     * @param console where progress and the summary go
     */
    LoadTest(LoadOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    /**
     * Runs the harness; exits 2 on a bad command line, 1 if the run failed.
     *
     * @param args the options, see {@link OptionsParser#USAGE}
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        LoadOptions options;
        try {
            options = OptionsParser.parse(args);
        } catch (UsageException e) {
            System.err.println("LoadTest: " + e.getMessage());
            System.err.print(OptionsParser.USAGE);
            System.exit(2);
            return;
        }
        try {
            new LoadTest(options, System.out).run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("LoadTest failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Starts the servers, seeds or reuses the graph, runs every system one after the other, and
     * writes the report.
     *
     * @return the report's rows
     */
    List<ResultRow> run() throws Exception {
        Path out = options.out();
        Files.createDirectories(out);
        SeedMarker marker = new SeedMarker(options.data());
        String wanted = SeedMarker.describe(LoadEnvironment.spec(options).toString(), options.shards());
        String found = marker.read();
        boolean reuse = options.reuse() && wanted.equals(found);
        if (options.reuse() && !reuse) {
            console.println(
                    found == null
                            ? "--reuse: no seeded graph in " + options.data() + "; seeding"
                            : "--reuse: " + options.data() + " holds [" + found + "], this run wants [" + wanted
                                    + "]; seeding again");
        }
        if (!reuse) {
            marker.clear();
        }
        console.printf(
                Locale.ROOT, "starting %d shards and the single server over %s%n", options.shards(), options.data());
        List<PhaseResult> phases = new ArrayList<>();
        SeedSummary seed;
        String runTag = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
        try (LoadServers servers = LoadServers.start(options.data(), options.shards());
                LoadEnvironment environment = new LoadEnvironment(
                        options, servers, out.resolve("journal").resolve(runTag))) {
            PreparedData data = environment.prepare(reuse, console);
            if (!reuse) {
                marker.write(wanted);
            }
            seed = data.summary();
            console.println(seed.graph() + ": " + seed.note());
            WorkloadRunner runner =
                    new WorkloadRunner(options, data.graph(), out.resolve("hdr"), System::nanoTime, runTag, console);
            List<SystemKind> systems = options.systems();
            for (int i = 0; i < systems.size(); i++) {
                console.println("running " + options.workload().code() + " against "
                        + systems.get(i).code());
                try (LoadSystem system = environment.open(systems.get(i))) {
                    phases.addAll(runner.run(system, i));
                }
            }
            List<String> plots = new ArrayList<>(LatencyPlots.write(out, phases));
            plots.addAll(TimelinePlots.write(out, phases));
            List<ResultRow> rows =
                    phases.stream().flatMap(p -> p.rows().stream()).toList();
            Path json = ReportJson.write(out, options.asConfig(), rows);
            Path md = ReportMarkdown.write(out, options, servers.settings(), seed, phases, plots);
            summary(rows);
            console.println("wrote " + json + ", " + md + ", " + plots.size() + " plots and the interval logs in "
                    + out.resolve("hdr"));
            return rows;
        }
    }

    private void summary(List<ResultRow> rows) {
        console.printf(
                Locale.ROOT,
                "%-14s %-12s %-20s %9s %7s %9s %9s %9s %10s%n",
                "system",
                "workload",
                "operation",
                "count",
                "errors",
                "p50 ms",
                "p99 ms",
                "max ms",
                "ops/s");
        for (ResultRow r : rows) {
            console.printf(
                    Locale.ROOT,
                    "%-14s %-12s %-20s %,9d %,7d %9.2f %9.2f %9.2f %,10.1f%n",
                    r.system(),
                    r.workload(),
                    r.operation(),
                    r.count(),
                    r.errors(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.maxMs(),
                    r.throughputOps());
        }
    }
}
