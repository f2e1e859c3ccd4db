package org.shardkit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.shardkit.core.journal.Journal;
import org.shardkit.core.journal.JournalSettings;

/**
 * The measurement that chooses the write queue's journal (issue 13): records per second
 * acknowledged durable, with the same records (200 random bytes) and the same discipline on every
 * store: N appender threads (the methods {@code appenders1}, {@code appenders8}, {@code
 * appenders64}), each appending one record and waiting until it is forced to disk before the next;
 * one writer thread per store that commits whatever queued while it was busy as one group.
 *
 * <ul>
 *   <li>{@code ours}: {@link Journal}, shardkit's segmented file journal (8 MiB segments, one write
 *       and one {@code force(false)} per group);
 *   <li>{@code sqlite}: sqlite-jdbc in WAL mode with {@code synchronous=FULL}, one transaction per
 *       group ({@link SqliteSink});
 *   <li>{@code mvstore}: H2 MVStore, one map, {@code commit()} and {@code sync()} per group ({@link
 *       MvStoreSink}); both behind {@link GroupCommitLog}.
 * </ul>
 *
 * <p>The three are open at once and take turns in 100 ms slices ({@link #SLICE_NANOS}): every
 * thread appends to the store whose slice it is. On a shared 2-core machine whose disk's {@code
 * fsync} time swings tenfold from one second to the next, run one after another the stores would be
 * compared under different conditions (a first run that way had iterations ranging over 10x); in
 * turns, each meets the same conditions within every iteration. Each store's counters are its calls
 * and the nanoseconds its calls took ({@code oursCalls}, {@code oursNanos}, ...), so that its rate,
 * {@code threads * calls / seconds}, does not depend on how the slices fell in an iteration;
 * {@code benchmarks/ratios.py} prints the rates and the per-iteration ratios ours/sqlite and
 * ours/mvstore, medians and ranges.
 *
 * <p>{@code trim=true} marks each record done as soon as it is acknowledged, as the write queue does
 * once its batch commits: ours deletes a segment file once all its records are done; the baselines
 * delete the done rows in the next group's transaction. {@code trim=false} only appends, so the
 * difference is what trimming costs. The files go in {@code -Djournal.dir} (default: a fresh
 * directory under {@code java.io.tmpdir}); setup refuses a tmpfs, where {@code fsync} does nothing.
 * At the end of each trial the group sizes are printed.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar JournalBenchmark -f 1 -wi 2 -w 2s -i 5 -r 2s -rf json -rff
 * journal.json && python3 benchmarks/ratios.py journal.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark {
    /** How long each store's turn lasts. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int PAYLOAD_BYTES = 200;
    private static final String[] STORES = {"ours", "sqlite", "mvstore"};

    /** Whether each record is marked done once acknowledged. */
    @Param({"true", "false"})
    public boolean trim;

    private final byte[] payload = new byte[PAYLOAD_BYTES];
    private final DurableLog<?>[] logs = new DurableLog<?>[STORES.length];
    private Path dir;
    private Journal journal;
    private GroupCommitLog sqlite;
    private GroupCommitLog mvstore;

    /** Each thread's calls and the time they took, per store; JMH sums them over the threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Turns {
        public long oursCalls;
        public long oursNanos;
        public long sqliteCalls;
        public long sqliteNanos;
        public long mvstoreCalls;
        public long mvstoreNanos;

        @Setup(Level.Iteration)
        public void reset() {
            oursCalls = oursNanos = sqliteCalls = sqliteNanos = mvstoreCalls = mvstoreNanos = 0;
        }

        void add(int store, long nanos) {
            switch (store) {
                case 0 -> {
                    oursCalls++;
                    oursNanos += nanos;
                }
                case 1 -> {
                    sqliteCalls++;
                    sqliteNanos += nanos;
                }
                default -> {
                    mvstoreCalls++;
                    mvstoreNanos += nanos;
                }
            }
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        new Random(42).nextBytes(payload);
        Path parent = Path.of(System.getProperty("journal.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(parent);
        if (Files.getFileStore(parent).type().equals("tmpfs")) {
            throw new IllegalStateException(parent + " is on tmpfs, where fsync does nothing: set -Djournal.dir");
        }
        dir = Files.createTempDirectory(parent, "journal-benchmark-");
        journal = Journal.open(JournalSettings.builder(dir.resolve("journal"))
                .maxBytes(8L << 30) // trim=false must not meet the bound
                .build());
        sqlite = new GroupCommitLog("sqlite", new SqliteSink(dir.resolve("journal.db")));
        mvstore = new GroupCommitLog("mvstore", new MvStoreSink(dir.resolve("journal.mv")));
        logs[0] = DurableLog.of(journal);
        logs[1] = sqlite;
        logs[2] = mvstore;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        System.out.printf(
                "%nours: %d records in %d forces (%.1f per group); sqlite: %d in %d commits (%.1f); mvstore: %d in"
                        + " %d commits (%.1f)%n",
                journal.appendedRecords(),
                journal.forces(),
                (double) journal.appendedRecords() / Math.max(1, journal.forces()),
                sqlite.records(),
                sqlite.groups(),
                (double) sqlite.records() / Math.max(1, sqlite.groups()),
                mvstore.records(),
                mvstore.groups(),
                (double) mvstore.records() / Math.max(1, mvstore.groups()));
        for (DurableLog<?> log : logs) {
            log.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void appendToTheStoreOfThisSlice(Turns turns) {
        long start = System.nanoTime();
        int store = (int) ((start / SLICE_NANOS) % STORES.length);
        append(logs[store]);
        turns.add(store, System.nanoTime() - start);
    }

    private <H> void append(DurableLog<H> log) {
        H handle = log.append(payload).join();
        if (trim) {
            log.done(handle);
        }
    }

    /** One appender. */
    @Benchmark
    @Threads(1)
    public void appenders1(Turns turns) {
        appendToTheStoreOfThisSlice(turns);
    }

    /** Eight appenders. */
    @Benchmark
    @Threads(8)
    public void appenders8(Turns turns) {
        appendToTheStoreOfThisSlice(turns);
    }

    /** Sixty-four appenders. */
    @Benchmark
    @Threads(64)
    public void appenders64(Turns turns) {
        appendToTheStoreOfThisSlice(turns);
    }
}
