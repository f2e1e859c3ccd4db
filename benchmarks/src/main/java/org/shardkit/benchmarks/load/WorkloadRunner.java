package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Runs one system through the phases of the chosen workload and collects a {@link PhaseResult} per
 * phase. {@code seed}: the suite (agent creation by {@link #SUITE_CALLERS} callers x
 * {@link #SUITE_CREATIONS} requests; feed, compatible agents and friend list, {@link
 * #SUITE_ITERATIONS} iterations each from one caller, as the seed's loop), then the mixed run;
 * {@code linkbench}: the LinkBench mix. The mixed and LinkBench runs are open loop at {@code --rate}
 * or closed loop at {@code --concurrency} callers, after {@code --warmup}.
 *
 * <p>Not thread-safe: one system at a time, so the systems never compete for the machine.
 */
final class WorkloadRunner {
    /** The seed suite's concurrent creators. */
    static final int SUITE_CALLERS = 100;
    /** The seed suite's agent creations. */
    static final int SUITE_CREATIONS = 1000;
    /** The seed suite's iterations per read. */
    static final int SUITE_ITERATIONS = LoadOptions.DEFAULT_SUITE_ITERATIONS;
    /** How long requests sent in a window may take to finish after it. */
    static final Duration DRAIN_DEADLINE = Duration.ofSeconds(30);
    /** How long the suite's counted phases may take in all before the rest are errors. */
    static final Duration SUITE_DEADLINE = Duration.ofMinutes(10);
    /** The suite's phase name in the report. */
    static final String SUITE_PHASE = "seed_suite";

    private final LoadOptions options;
    private final AgentGraph graph;
    private final Path hdrDirectory;
    private final LongSupplier nanoClock;
    private final String runTag;
    private final PrintStream console;

    /**
     * Creates a runner.
     *
     * @param options the run's options
     * @param graph the seeded graph
     * @param hdrDirectory where the interval logs go
     * @param nanoClock the monotonic clock
     * @param runTag a tag unique to this run, in created agents' handles
     * @param console where progress lines go
     */
    WorkloadRunner(
            LoadOptions options,
            AgentGraph graph,
            Path hdrDirectory,
            LongSupplier nanoClock,
            String runTag,
            PrintStream console) {
        this.options = options;
        this.graph = graph;
        this.hdrDirectory = hdrDirectory;
        this.nanoClock = nanoClock;
        this.runTag = runTag;
        this.console = console;
    }

    /**
     * Runs the workload against one system.
     *
     * @param system the system, open
     * @param systemIndex its position in {@code --systems}, which picks its write streams
     * @return one result per phase
     */
    List<PhaseResult> run(LoadSystem system, int systemIndex) throws IOException, InterruptedException {
        RunLedger ledger = new RunLedger();
        List<PhaseResult> results = new ArrayList<>();
        String phase = options.workload().code();
        if (options.workload() == WorkloadKind.SEED) {
            SeedWorkload seed = new SeedWorkload(
                    graph, new NewAgents(runTag, systemIndex, SeedWorkload.BIO_LENGTH), ledger, options.users());
            results.add(counted(
                    system, systemIndex, Operation.CREATE_AGENT, seed.creation(), SUITE_CALLERS, SUITE_CREATIONS));
            for (Operation read : List.of(Operation.FEED, Operation.COMPATIBLE_AGENTS, Operation.FRIEND_LIST)) {
                results.add(counted(system, systemIndex, read, seed.suiteReads(read), 1, options.suiteIterations()));
            }
            results.add(timed(system, systemIndex, phase, seed.mixed(), SeedWorkload.MIXED.keySet()));
        } else {
            LinkBenchWorkload linkBench = new LinkBenchWorkload(
                    graph, new NewAgents(runTag, systemIndex, LinkBenchWorkload.NODE_DATA_LENGTH), ledger);
            results.add(timed(system, systemIndex, phase, linkBench, LinkBenchWorkload.MIX.keySet()));
        }
        return results;
    }

    private PhaseResult counted(
            LoadSystem system, int systemIndex, Operation op, RequestSource source, int callers, int total)
            throws IOException, InterruptedException {
        String name = system.name();
        Path log = hdrDirectory.resolve(name + "-" + SUITE_PHASE + "-" + op.reportName() + ".hlog");
        try (RunRecorder recorder = new RunRecorder(name, SUITE_PHASE, List.of(op), log, nanoClock)) {
            List<Draws> draws = draws(systemIndex, callers);
            DriveOutcome outcome =
                    new ClosedLoopDriver(nanoClock, SUITE_DEADLINE).runCount(system, source, draws, total, recorder);
            PhaseResult result = result(recorder, false, outcome);
            console.printf(
                    Locale.ROOT,
                    "  %-14s %-18s %,d requests by %d callers in %.1f s%n",
                    name,
                    op.reportName(),
                    total,
                    callers,
                    outcome.measuredSeconds());
            return result;
        }
    }

    private PhaseResult timed(
            LoadSystem system, int systemIndex, String phase, RequestSource source, Collection<Operation> ops)
            throws IOException, InterruptedException {
        String name = system.name();
        Path log = hdrDirectory.resolve(name + "-" + phase + ".hlog");
        try (RunRecorder recorder = new RunRecorder(name, phase, ops, log, nanoClock)) {
            DriveOutcome outcome;
            if (options.openLoop()) {
                outcome = new OpenLoopDriver(nanoClock, DRAIN_DEADLINE)
                        .run(
                                system,
                                source,
                                Draws.of(options.seed(), systemIndex, 0, runTag.hashCode()),
                                options.rate(),
                                options.concurrency(),
                                options.warmup(),
                                options.duration(),
                                recorder);
            } else {
                outcome = new ClosedLoopDriver(nanoClock, DRAIN_DEADLINE)
                        .runFor(
                                system,
                                source,
                                draws(systemIndex, options.concurrency()),
                                options.warmup(),
                                options.duration(),
                                recorder);
            }
            PhaseResult result = result(recorder, options.openLoop(), outcome);
            long errors = result.operations().stream()
                    .mapToLong(OperationResult::errors)
                    .sum();
            console.printf(
                    Locale.ROOT,
                    "  %-14s %-18s offered %s, achieved %.1f ops/s, %d errors%n",
                    name,
                    phase,
                    options.openLoop()
                            ? String.format(Locale.ROOT, "%.1f ops/s", outcome.offeredRate())
                            : "closed loop",
                    result.achievedRate(),
                    errors);
            return result;
        }
    }

    private List<Draws> draws(int systemIndex, int callers) {
        List<Draws> draws = new ArrayList<>(callers);
        for (int i = 0; i < callers; i++) {
            draws.add(Draws.of(options.seed(), systemIndex, i, runTag.hashCode()));
        }
        return draws;
    }

    private static PhaseResult result(RunRecorder recorder, boolean openLoop, DriveOutcome outcome) {
        List<OperationResult> ops =
                recorder.all().stream().map(OperationResult::of).toList();
        return new PhaseResult(recorder.system(), recorder.phase(), openLoop, outcome, ops, recorder.timeline());
    }
}
