package org.shardkit.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.PGConnection;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.batch.BatchTable;
import org.shardkit.core.batch.BatchWriter;
import org.shardkit.core.batch.LoadMethod;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.Interaction;
import org.shardkit.social.InteractionType;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * Writes at a million agents (issue 13), rows per second, on four embedded PostgreSQL 15 shards
 * (fsync on), 2,000 agents with about 10 accepted friends each:
 *
 * <ul>
 *   <li>{@code batchWriter} / {@code batchWriterInsert}: {@value #ROWS} interaction rows through a
 *       {@link BatchWriter} over a {@link BatchTable} (COPY, or multi-row INSERT), batches of 1,000
 *       per shard, then a flush; {@code rawCopy}: the same rows to the same shards by pgjdbc's
 *       {@code CopyManager} straight from the pools, 1,000 rows per transaction, one thread per
 *       shard. Target: batchWriter ≥ 0.8 × rawCopy.
 *   <li>{@code asyncJournaled} / {@code asyncCommitted}: {@value #ROWS} interactions between friends
 *       through {@code SocialRepository.recordInteraction} and its write queue, each acknowledged
 *       {@code JOURNALED} (journal on the same disk) or {@code COMMITTED}; friendship strength on
 *       both sides and the inbox copy included. Target: asyncJournaled ≥ 50,000/s. The journaled
 *       figure is sustained: the queue holds at most 10,000 writes, so acknowledgements cannot run
 *       ahead of the database by more than that.
 *   <li>{@code seedOneCommitEach}: the seed's original path on the same data, {@value #SEED_ROWS}
 *       interactions from 8 threads, each an autocommitted INSERT of the interaction and an
 *       autocommitted UPDATE of the friendship (one commit per interaction and one per update).
 * </ul>
 *
 * <p>{@code interleaved} runs batchWriter, rawCopy, asyncJournaled and asyncCommitted in turn in one
 * call and counts each one's time: the ratios of the issue come from those counters.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar WriteBenchmark -f 1 -wi 2 -w 5s -i 5 -r 10s -rf json
 * python3 benchmarks/ratios.py jmh-result.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class WriteBenchmark {
    /** Rows (or interactions) per invocation of the batch and queue methods. */
    static final int ROWS = 20_000;
    /** Interactions per invocation of the seed's path. */
    static final int SEED_ROWS = 2_000;

    private static final int BATCH = 1_000;

    private @Nullable ShardCluster cluster;
    private @Nullable ShardedDatabase db;
    private @Nullable SocialRepository social;
    private @Nullable BatchWriter<Interaction> copyWriter;
    private @Nullable BatchWriter<Interaction> insertWriter;
    private @Nullable SeededFriends graph;
    private @Nullable Path journal;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final SplittableRandom random = new SplittableRandom(13);
    private int turns;
    /** The repository's meters: batch sizes and flush times per stage, printed at the end of the trial. */
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    /** Starts four shards, migrates, seeds the friends, opens the repository (journal in a temp dir) and the writers. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(4)
                .start();
        db = ShardedDatabase.create(BenchmarkShards.modulo(cluster.servers(), 8).toBuilder()
                .idgen(IdGenConfig.builder().workerId(2).build())
                .build());
        SocialRepository.migrate(db);
        graph = SeededFriends.seed(db, 2_000, 10, 7);
        journal = Files.createTempDirectory("shardkit-write-benchmark");
        social = SocialRepository.builder(db)
                .writeJournal(JournalSettings.builder(journal).build())
                .meterRegistry(meters)
                .build();
        copyWriter = rowWriter(db, "bench.copy", LoadMethod.COPY);
        insertWriter = rowWriter(db, "bench.insert", LoadMethod.INSERT);
    }

    private static BatchWriter<Interaction> rowWriter(ShardedDatabase db, String name, LoadMethod method) {
        return BatchWriter.builder(db, table(method))
                .name(name)
                .config(BatchConfig.builder()
                        .maxBatchSize(BATCH)
                        .maxBatchAge(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    /** The interaction table as a batch table: the same columns the social repository writes. */
    static BatchTable<Interaction> table(LoadMethod method) {
        return BatchTable.<Interaction>builder("interaction")
                .bigint("id", Interaction::id)
                .bigint("initiator_id", Interaction::initiatorId)
                .bigint("recipient_id", Interaction::recipientId)
                .text("type", it -> it.type().code())
                .text("content", Interaction::content)
                .timestamptz("created_at", Interaction::createdAt)
                .key("id")
                .method(method)
                .build();
    }

    /** Fresh interactions between random friends, ids from the database's generator. */
    private List<Interaction> interactions(int n) {
        SeededFriends g = Objects.requireNonNull(graph);
        ShardedDatabase d = Objects.requireNonNull(db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Interaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] pair = g.pairs.get(random.nextInt(g.pairs.size()));
            boolean forth = random.nextBoolean();
            out.add(new Interaction(
                    d.ids().nextId(),
                    forth ? pair[0] : pair[1],
                    forth ? pair[1] : pair[0],
                    InteractionType.MESSAGE,
                    "benchmark interaction " + i + " with some text of a message",
                    now));
        }
        return out;
    }

    /** {@value #ROWS} rows through the batch writer by COPY. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void batchWriter() {
        throughWriter(Objects.requireNonNull(copyWriter));
    }

    /** {@value #ROWS} rows through the batch writer by multi-row INSERT. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void batchWriterInsert() {
        throughWriter(Objects.requireNonNull(insertWriter));
    }

    private void throughWriter(BatchWriter<Interaction> writer) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(ROWS);
        for (Interaction it : interactions(ROWS)) {
            futures.add(writer.write(ShardKey.of(it.initiatorId()), it));
        }
        writer.flush();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    /** The same rows by raw COPY: 1,000 per transaction, one thread per shard, straight from the pools. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void rawCopy() throws Exception {
        ShardedDatabase d = Objects.requireNonNull(db);
        Map<ShardId, List<Interaction>> byShard =
                d.groupByShard(interactions(ROWS), it -> ShardKey.of(it.initiatorId()));
        List<Future<?>> parts = new ArrayList<>();
        for (Map.Entry<ShardId, List<Interaction>> e : byShard.entrySet()) {
            parts.add(threads.submit(() -> {
                try (Connection c = d.primaryDataSource(e.getKey()).getConnection()) {
                    c.setAutoCommit(false);
                    List<Interaction> rows = e.getValue();
                    for (int from = 0; from < rows.size(); from += BATCH) {
                        copy(c, rows.subList(from, Math.min(rows.size(), from + BATCH)));
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
    }

    private static void copy(Connection c, List<Interaction> rows) throws SQLException, IOException {
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (Interaction it : rows) {
            text.append(it.id())
                    .append('\t')
                    .append(it.initiatorId())
                    .append('\t')
                    .append(it.recipientId())
                    .append('\t')
                    .append(it.type().code())
                    .append('\t')
                    .append(it.content())
                    .append('\t')
                    .append(it.createdAt())
                    .append('\n');
        }
        c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                        "COPY interaction (id, initiator_id, recipient_id, type, content, created_at) FROM STDIN",
                        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@value #ROWS} interactions through the write queue, acknowledged once journaled. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void asyncJournaled() {
        queued(Ack.JOURNALED);
    }

    /** {@value #ROWS} interactions through the write queue, acknowledged once committed on both shards. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void asyncCommitted() {
        queued(Ack.COMMITTED);
    }

    private void queued(Ack ack) {
        SocialRepository s = Objects.requireNonNull(social);
        List<CompletableFuture<Interaction>> futures = new ArrayList<>(ROWS);
        SeededFriends g = Objects.requireNonNull(graph);
        for (int i = 0; i < ROWS; i++) {
            long[] pair = g.pairs.get(random.nextInt(g.pairs.size()));
            boolean forth = random.nextBoolean();
            futures.add(s.recordInteraction(
                    forth ? pair[0] : pair[1],
                    forth ? pair[1] : pair[0],
                    InteractionType.MESSAGE,
                    "benchmark interaction " + i + " with some text of a message",
                    ack));
        }
        if (ack == Ack.COMMITTED) {
            s.flushWrites(); // the last batches would otherwise wait for their age (2 s)
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    /** The seed's original path: per interaction, an autocommitted INSERT and an autocommitted strength UPDATE. */
    @Benchmark
    @OperationsPerInvocation(SEED_ROWS)
    public void seedOneCommitEach() throws Exception {
        ShardedDatabase d = Objects.requireNonNull(db);
        List<Future<?>> parts = new ArrayList<>();
        for (Interaction it : interactions(SEED_ROWS)) {
            parts.add(threads.submit(() -> {
                try (Connection c = d.primaryDataSource(d.shardOf(ShardKey.of(it.initiatorId())))
                        .getConnection()) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO interaction (id, initiator_id,"
                            + " recipient_id, type, content, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                        ins.setLong(1, it.id());
                        ins.setLong(2, it.initiatorId());
                        ins.setLong(3, it.recipientId());
                        ins.setString(4, it.type().code());
                        ins.setString(5, it.content());
                        ins.setObject(6, it.createdAt().atOffset(java.time.ZoneOffset.UTC));
                        ins.executeUpdate();
                    }
                    try (PreparedStatement upd = c.prepareStatement("UPDATE friendship SET interaction_count ="
                            + " interaction_count + 1, strength_level = LEAST(100, floor(20 * ln(2 +"
                            + " interaction_count))::integer), last_interaction_at = ? WHERE agent_id = ? AND"
                            + " friend_id = ?")) {
                        upd.setObject(1, it.createdAt().atOffset(java.time.ZoneOffset.UTC));
                        upd.setLong(2, it.initiatorId());
                        upd.setLong(3, it.recipientId());
                        upd.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
    }

    /** Per iteration, each path's time over the same number of rows: for {@code interleaved}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PathTimes {
        /** Nanoseconds in the batch writer (COPY) this iteration. */
        public long batchWriterNanos;

        /** Nanoseconds in raw COPY this iteration. */
        public long rawCopyNanos;

        /** Nanoseconds in interactions through the queue, acknowledged journaled. */
        public long asyncJournaledNanos;

        /** Nanoseconds in interactions through the queue, acknowledged committed. */
        public long asyncCommittedNanos;

        /** Calls of {@code interleaved}: each path wrote {@value #ROWS} rows per call. */
        public long interleavedCalls;

        /** Zeroes the counters: JMH does not. */
        @Setup(Level.Iteration)
        public void reset() {
            interleavedCalls = 0;
            batchWriterNanos = 0;
            rawCopyNanos = 0;
            asyncJournaledNanos = 0;
            asyncCommittedNanos = 0;
        }
    }

    /**
     * The paths in turn, {@value #ROWS} rows each, the order rotating every call, each path's time
     * added to its counter: on a shared 2-core machine, paths measured apart see different load, so
     * ratios come from these counters ({@code ratios.py}).
     */
    @Benchmark
    @OperationsPerInvocation(4 * ROWS)
    public void interleaved(PathTimes times) throws Exception {
        int first = turns++ % 4;
        times.interleavedCalls++;
        for (int k = 0; k < 4; k++) {
            int path = (first + k) % 4;
            long t0 = System.nanoTime();
            switch (path) {
                case 0 -> batchWriter();
                case 1 -> rawCopy();
                case 2 -> asyncJournaled();
                default -> asyncCommitted();
            }
            long spent = System.nanoTime() - t0;
            switch (path) {
                case 0 -> times.batchWriterNanos += spent;
                case 1 -> times.rawCopyNanos += spent;
                case 2 -> times.asyncJournaledNanos += spent;
                default -> times.asyncCommittedNanos += spent;
            }
        }
    }

    /** Prints, per interaction stage and shard, the batches written: how many, their mean size, their time. */
    private void printBatchMeters() {
        for (var size : meters.find("shardkit.batch.size").summaries()) {
            String writer = size.getId().getTag("writer");
            String shard = size.getId().getTag("shard");
            var flush = meters.find("shardkit.batch.flush")
                    .tag("writer", String.valueOf(writer))
                    .tag("shard", String.valueOf(shard))
                    .tag("outcome", "success")
                    .timer();
            System.out.printf(
                    "batches %s shard %s: %d, mean %.0f rows, flush mean %.1f ms max %.1f ms%n",
                    writer,
                    shard,
                    size.count(),
                    size.mean(),
                    flush == null ? Double.NaN : flush.mean(TimeUnit.MILLISECONDS),
                    flush == null ? Double.NaN : flush.max(TimeUnit.MILLISECONDS));
        }
    }

    /** Closes the writers, the repository (draining its queue), the database and the servers. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        threads.shutdownNow();
        printBatchMeters();
        if (copyWriter != null) {
            copyWriter.close();
        }
        if (insertWriter != null) {
            insertWriter.close();
        }
        if (social != null) {
            social.close(Duration.ofSeconds(60));
        }
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (journal != null) {
            try (var files = Files.walk(journal)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
