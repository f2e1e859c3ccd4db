package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The recordings of one system over one phase of a workload: an {@link OperationStats} per
 * operation, an HdrHistogram interval log ({@code .hlog}, one interval per second, tagged by
 * operation) and the per-second timeline of throughput and p99 that the plots draw.
 *
 * <p>Thread-safe: drivers record from any thread; {@link #start()} ticks on a thread of its own.
 */
final class RunRecorder implements AutoCloseable {
    private static final long TICK_MILLIS = 1000;
    private static final double NANOS_PER_MS = 1e6;
    private static final double NANOS_PER_S = 1e9;

    private final String system;
    private final String phase;
    private final LongSupplier nanoClock;
    private final Map<Operation, OperationStats> stats = new EnumMap<>(Operation.class);
    private final List<SecondSample> timeline = new ArrayList<>();
    private final PrintStream logStream;
    private final HistogramLogWriter log;
    private final Histogram combined = new Histogram(OperationStats.SIGNIFICANT_DIGITS);
    private ScheduledExecutorService ticker;
    private long startNanos;
    private long lastTickNanos;

    /**
     * Creates the recorder and its interval log.
     *
     * @param system the system's report name
     * @param phase the workload phase, e.g. {@code seed} or {@code seed_suite}
     * @param operations the operations the phase runs
     * @param logFile the HdrHistogram interval log to write
     * @param nanoClock the monotonic clock of the run
     */
    RunRecorder(String system, String phase, Collection<Operation> operations, Path logFile, LongSupplier nanoClock)
            throws IOException {
        this.system = system;
        this.phase = phase;
        this.nanoClock = nanoClock;
        for (Operation op : operations) {
            stats.put(op, new OperationStats(op));
        }
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        this.logStream = new PrintStream(Files.newOutputStream(logFile), false, "UTF-8");
        this.log = new HistogramLogWriter(logStream);
        log.outputComment("system " + system + ", phase " + phase + "; values in nanoseconds, tagged by operation");
        log.outputLogFormatVersion();
        log.outputLegend();
    }

    /** Returns the system's report name. */
    String system() {
        return system;
    }

    /** Returns the phase's name. */
    String phase() {
        return phase;
    }

    /**
     * Returns the stats of an operation.
     *
     * @throws IllegalArgumentException if the phase does not run it
     */
    OperationStats stats(Operation op) {
        OperationStats s = stats.get(op);
        if (s == null) {
            throw new IllegalArgumentException("phase " + phase + " does not run operation " + op.reportName());
        }
        return s;
    }

    /** Returns every operation's stats, in declaration order. */
    Collection<OperationStats> all() {
        return stats.values();
    }

    /** Starts the measured window: from now on, a tick each second feeds the log and timeline. */
    synchronized void start() {
        long now = nanoClock.getAsLong();
        startNanos = now;
        lastTickNanos = now;
        long startMillis = System.currentTimeMillis();
        log.setBaseTime(startMillis);
        log.outputBaseTime(startMillis);
        log.outputStartTime(startMillis);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-ticker-" + system);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Ends the measured window: stops ticking and takes the last interval. */
    void finish() throws InterruptedException {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.shutdown();
            t.awaitTermination(5, TimeUnit.SECONDS);
        }
        tick();
    }

    /** Drains every operation's interval into its total, the log and one timeline sample. */
    synchronized void tick() {
        long now = nanoClock.getAsLong();
        combined.reset();
        for (OperationStats s : stats.values()) {
            Histogram interval = s.drain();
            if (interval.getTotalCount() > 0) {
                log.outputIntervalHistogram(interval);
            }
            combined.add(interval);
        }
        double seconds = (now - lastTickNanos) / NANOS_PER_S;
        if (seconds > 0) {
            double p99 = combined.getTotalCount() == 0 ? 0 : combined.getValueAtPercentile(99) / NANOS_PER_MS;
            timeline.add(new SecondSample((now - startNanos) / NANOS_PER_S, combined.getTotalCount() / seconds, p99));
        }
        lastTickNanos = now;
    }

    /** Returns the per-second samples so far. */
    synchronized List<SecondSample> timeline() {
        return List.copyOf(timeline);
    }

    /** Closes the interval log. */
    @Override
    public synchronized void close() {
        logStream.close();
    }
}
