package org.shardkit.examples.demo;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.social.SocialRepository;

/**
 * The social demo, one command with nothing to install but a JDK: {@value DemoServers#EMBEDDED_SHARDS}
 * embedded PostgreSQL shards and an embedded Redis, the repository's schema migrated, a generated
 * social graph seeded with {@code COPY} (a progress bar per phase), then a mixed workload of
 * simulated users for a fixed time, and one table: per operation the calls, errors, p50/p95/p99 and
 * throughput, per shard the rows held and the skew. While it runs, a Prometheus endpoint serves the
 * JVM's, the machine's and shardkit's meters.
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -pl examples -am verify -DskipTests}, flags through {@code
 * -Ddemo.args="--agents 1000000"}; {@code --help} lists them (docs/demo.md describes the run). The
 * embedded servers are stopped, their data deleted, when it ends or on Ctrl-C.
 *
 * <p>One instance runs once; {@link #requestStop()} may be called from any thread.
 */
public final class SocialDemo {
    /** How often the workload's line is redrawn: 1 s. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    /** Untimed calls of each operation before the workload: {@value}. */
    static final int WARM_UP_ROUNDS = 5;
    /** Keeps the warm-up's draws apart from the users'. */
    private static final long WARM_UP_SALT = 0x5EED_0F_D3A0L;
    /** How long a stop waits for calls under way: 30 s. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** How long Ctrl-C waits for the demo to stop its servers: 2 minutes. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final DemoOptions options;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTicker;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch workloadStarted = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile @Nullable String metricsUrl;

    /**
     * Creates a demo; nothing starts until {@link #run()}.
     *
     * @param options what to run
     * @param out where the progress and the table go
     * @param terminal whether {@code out} is a terminal (progress redrawn in place) or a log
     * @param nanoTicker the time, in nanoseconds
     */
    SocialDemo(DemoOptions options, PrintStream out, boolean terminal, LongSupplier nanoTicker) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /**
     * Runs the demo; a bad flag prints what is wrong and the usage, and exits with status 2.
     *
     * @param args the flags, see {@code --help}
     * @throws Exception if the demo fails (a server that does not start, a shard that is not empty)
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(Arrays.asList(args));
        } catch (UsageException e) {
            System.err.println("social demo: " + e.getMessage());
            System.err.println(DemoOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.usage());
            return;
        }
        SocialDemo demo = new SocialDemo(options, System.out, ProgressLine.stdoutIsTerminal(), System::nanoTime);
        // Ctrl-C: stop the workload, then let run() stop the servers and delete their data.
        Thread hook = new Thread(
                () -> {
                    demo.requestStop();
                    demo.awaitFinished(STOP_WAIT);
                },
                "social-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this run to finish
            }
        }
    }

    /**
     * Runs the demo: servers, schema, seed, workload, table; everything it started is stopped when
     * it returns or throws.
     *
     * @return the figures the table shows
     * @throws Exception if a step fails
     */
    DemoResult run() throws Exception {
        try {
            return runSteps();
        } finally {
            finished.countDown();
        }
    }

    private DemoResult runSteps() throws Exception {
        long begin = nanoTicker.getAsLong();
        out.printf(
                Locale.ROOT,
                "shardkit social demo: %,d agents, then %,d simulated users for %s%s%n",
                options.agents(),
                options.users(),
                PhaseBar.seconds(options.duration()),
                options.keepRunning() ? " at a time until Ctrl-C" : "");
        try (MetricsEndpoint metrics =
                MetricsEndpoint.start(options.metricsPort(), new File(System.getProperty("java.io.tmpdir")))) {
            metricsUrl = metrics.url();
            out.println("Prometheus metrics: " + metrics.url());
            try (DemoServers servers = startServers()) {
                out.println("Data: " + servers.describe());
                try (ShardedDatabase db = ShardedDatabase.builder(servers.config())
                        .meterRegistry(metrics.registry())
                        .build()) {
                    SocialRepository.migrate(db);
                    requireEmpty(db, servers);
                    out.println("Schema migrated on " + db.shardIds().size() + " shards.");
                    Population population = GraphSeeding.seed(db, options, progressLine(), nanoTicker, out);
                    DemoResult result = workload(db, servers, metrics, population);
                    out.println("Done in " + PhaseBar.seconds(Duration.ofNanos(nanoTicker.getAsLong() - begin))
                            + (servers.startedHere()
                                    ? "; the embedded servers are stopped and their data deleted."
                                    : "."));
                    return result;
                }
            }
        }
    }

    private DemoServers startServers() {
        Path config = options.config();
        if (config != null) {
            return DemoServers.external(config);
        }
        out.println("Starting " + DemoServers.EMBEDDED_SHARDS
                + " embedded PostgreSQL servers and an embedded Redis (in parallel) ...");
        return DemoServers.embedded();
    }

    private DemoResult workload(ShardedDatabase db, DemoServers servers, MetricsEndpoint metrics, Population population)
            throws InterruptedException {
        List<OperationStats.Summary> summaries;
        Duration window;
        String title;
        try (DemoStack stack = DemoStack.open(db, servers.cache(), metrics.registry())) {
            PendingRequests pending = new PendingRequests(PendingRequests.DEFAULT_ACCEPT_AFTER);
            UserActions actions = new UserActions(stack.social(), population, pending, nanoTicker);
            SimulatedUsers users =
                    new SimulatedUsers(actions, options.users(), options.thinkTime(), options.seed(), nanoTicker);
            out.printf(
                    Locale.ROOT,
                    "Running %,d simulated users (mean think time %s, %d worker threads; reads %s; interactions"
                            + " acknowledged JOURNALED; %s mode across shards)%n",
                    options.users(),
                    options.thinkTime().toMillis() + " ms",
                    SimulatedUsers.workerCount(options.users()),
                    stack.cached() ? "through the two-level cache (Caffeine + Redis)" : "from PostgreSQL, no cache",
                    stack.social().crossShardMode());
            warmUp(actions);
            users.start();
            workloadStarted.countDown();
            try {
                watch(users, db);
            } finally {
                users.stop();
                if (!users.awaitStopped(DRAIN)) {
                    out.println("Some calls were still under way " + PhaseBar.seconds(DRAIN)
                            + " after the stop; the table counts those that ended.");
                }
            }
            users.checkDraws();
            summaries = users.summaries();
            window = users.elapsed();
            title = title(users);
        }
        List<ShardRows> rows = ShardRows.count(db);
        String table = ResultTable.render(title, summaries, window, rows);
        out.println();
        out.print(table);
        return new DemoResult(summaries, rows, window, table);
    }

    /**
     * Calls each operation {@link #WARM_UP_ROUNDS} times, one at a time and untimed, so that the timed
     * run does not measure class loading, first connections and cold caches; failures are printed.
     */
    private void warmUp(UserActions actions) {
        SplittableRandom random = new SplittableRandom(options.seed() ^ WARM_UP_SALT);
        int failed = 0;
        String first = null;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Operation op : Operation.values()) {
                try {
                    actions.call(op, random).body().run();
                } catch (RuntimeException e) { // told below, and the timed run counts its own
                    failed++;
                    if (first == null) {
                        first = OperationStats.describe(e);
                    }
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "Warm-up: each operation %d times, one at a time, not timed%s%n",
                WARM_UP_ROUNDS,
                failed == 0 ? "" : "; " + failed + " failed, the first with " + first);
    }

    /** Shows the workload's progress until its time is up, printing the table every period if it keeps running. */
    private void watch(SimulatedUsers users, ShardedDatabase db) throws InterruptedException {
        ProgressLine line = progressLine();
        long periodNanos = options.duration().toNanos();
        long nextTable = periodNanos;
        while (!stopRequested.await(nextWait(users, periodNanos), TimeUnit.NANOSECONDS)) {
            Duration elapsed = users.elapsed();
            if (!options.keepRunning() && elapsed.toNanos() >= periodNanos) {
                break;
            }
            line.update(status(users, elapsed));
            if (options.keepRunning() && elapsed.toNanos() >= nextTable) {
                nextTable += periodNanos;
                line.finish(status(users, elapsed));
                out.print(ResultTable.render(title(users), users.summaries(), elapsed, ShardRows.count(db)));
                out.println();
            }
        }
        line.finish(status(users, users.elapsed()));
    }

    /** The wait until the next redraw: a second, or less when the run ends sooner. */
    private long nextWait(SimulatedUsers users, long periodNanos) {
        long every = STATUS_EVERY.toNanos();
        return options.keepRunning()
                ? every
                : Math.max(0, Math.min(every, periodNanos - users.elapsed().toNanos()));
    }

    private String status(SimulatedUsers users, Duration elapsed) {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        String rates =
                String.format(Locale.ROOT, "%,.0f calls/s   %,d errors", users.calls() / seconds, users.errors());
        if (options.keepRunning()) {
            return PhaseBar.pad("workload", PhaseBar.LABEL_WIDTH) + " " + PhaseBar.seconds(elapsed) + "   " + rates
                    + "   (Ctrl-C stops)";
        }
        long total = options.duration().toMillis();
        long done = Math.min(total, elapsed.toMillis());
        return PhaseBar.pad("workload", PhaseBar.LABEL_WIDTH) + " " + PhaseBar.bar(done, total)
                + String.format(Locale.ROOT, " %3d%%  ", PhaseBar.percent(done, total))
                + PhaseBar.seconds(elapsed) + " of " + PhaseBar.seconds(options.duration()) + "   " + rates
                + (done < total ? "   " + PhaseBar.seconds(Duration.ofMillis(total - done)) + " left" : "");
    }

    private String title(SimulatedUsers users) {
        return String.format(
                Locale.ROOT,
                "%,d simulated users for %s over %,d agents (times in ms from each call's intended start;"
                        + " failed calls included)",
                options.users(),
                PhaseBar.seconds(users.elapsed()),
                options.agents());
    }

    private ProgressLine progressLine() {
        return new ProgressLine(out, terminal, nanoTicker, ProgressLine.DEFAULT_LOG_INTERVAL);
    }

    /** Refuses shards that already hold agents: the seeded ids would collide with theirs. */
    private static void requireEmpty(ShardedDatabase db, DemoServers servers) {
        Map<ShardId, Boolean> any = db.scatter(
                        ScatterRequest.allShards(),
                        (shard, h) -> h.createQuery("SELECT EXISTS (SELECT 1 FROM agent)")
                                .mapTo(Boolean.class)
                                .one())
                .requireComplete();
        for (Map.Entry<ShardId, Boolean> e : any.entrySet()) {
            if (Boolean.TRUE.equals(e.getValue())) {
                throw new IllegalStateException("shard " + e.getKey().value() + " (" + db.shardName(e.getKey())
                        + ") already holds agents, but the demo seeds empty databases"
                        + (servers.startedHere() ? "" : ": point " + DemoOptions.CONFIG + " at empty ones"));
            }
        }
    }

    /** Asks a running demo to stop its workload and clean up; returns at once. */
    void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until the workload has started; false if the timeout passed first. */
    boolean awaitWorkload(Duration timeout) throws InterruptedException {
        return workloadStarted.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Returns the Prometheus endpoint's URL once it serves, else null. */
    @Nullable
    String metricsUrl() {
        return metricsUrl;
    }

    private void awaitFinished(Duration timeout) {
        try {
            finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the table shows.
     *
     * @param operations every operation's figures
     * @param shards every shard's rows after the run
     * @param window the time the calls were made in
     * @param table the table as printed
     */
    record DemoResult(List<OperationStats.Summary> operations, List<ShardRows> shards, Duration window, String table) {
        DemoResult {
            operations = List.copyOf(operations);
            shards = List.copyOf(shards);
        }
    }
}
