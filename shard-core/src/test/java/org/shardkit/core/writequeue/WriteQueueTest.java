package org.shardkit.core.writequeue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardQueryException;
import org.shardkit.core.ShardUnavailableException;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.config.WriteQueueConfig.WhenFull;
import org.shardkit.core.journal.JournalDamage;
import org.shardkit.core.journal.JournalSettings;

/**
 * The write queue over a sink the test answers by hand and a real journal on disk: acknowledgement
 * levels, full policies, failures after the acknowledgement, replay, damage and closing.
 */
class WriteQueueTest {
    @TempDir
    Path dir;

    /** A sink whose writes the test completes: it records each write and hands out its future. */
    static final class HandSink implements WriteSink<String> {
        final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile boolean flushed;

        @Override
        public CompletableFuture<?> write(String write) {
            seen.add(write);
            return pending.computeIfAbsent(write, w -> new CompletableFuture<>());
        }

        @Override
        public void flush() {
            flushed = true;
        }

        void commit(String write) {
            java.util.Objects.requireNonNull(pending.remove(write)).complete(null);
        }

        void fail(String write, Throwable why) {
            java.util.Objects.requireNonNull(pending.remove(write)).completeExceptionally(why);
        }
    }

    /** A sink's own rule refusing a write, as a domain exception does: final, never retried. */
    static final class RuleRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleRefusal(String message) {
            super(message);
        }
    }

    /** A sink that commits every write at once. */
    static final class CommitAll implements WriteSink<String> {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<?> write(String write) {
            seen.add(write);
            return CompletableFuture.completedFuture(null);
        }
    }

    static final JournalCodec<String> UTF8 = new JournalCodec<>() {
        @Override
        public byte[] encode(String write) {
            return write.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (s.startsWith("undecodable")) {
                throw new IllegalArgumentException("not a test record: " + s);
            }
            return s;
        }
    };

    private JournalSettings journal() {
        return JournalSettings.builder(dir.resolve("journal"))
                .segmentBytes(64 << 10)
                .build();
    }

    private static WriteQueueConfig config(int capacity, WhenFull policy) {
        return WriteQueueConfig.builder()
                .capacity(capacity)
                .whenFull(policy)
                .blockTimeout(Duration.ofMillis(50))
                .retryInterval(Duration.ofMillis(10))
                .build();
    }

    /** A sink that commits only what it holds when asked to flush, as a batch writer whose batches are never due. */
    static final class FlushOnly implements WriteSink<String> {
        final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<?> write(String write) {
            return held.computeIfAbsent(write, w -> new CompletableFuture<>());
        }

        @Override
        public void flush() {
            held.keySet()
                    .forEach(w ->
                            java.util.Objects.requireNonNull(held.remove(w)).complete(null));
        }
    }

    @Test
    void flush_rightAfterABurst_reachesTheWritesStillBeingJournaled() throws Exception {
        FlushOnly sink = new FlushOnly();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .journal(journal(), UTF8)
                .config(config(1_000, WhenFull.REJECT))
                .build()) {
            List<CompletableFuture<Void>> committed = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                committed.add(q.submit("w" + i, Ack.COMMITTED));
            }
            q.flush(); // most of the burst is still waiting for the journal's force here
            CompletableFuture.allOf(committed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(q.depth()).isZero();
        }
    }

    @Test
    void journaled_completesOnceOnDisk_beforeTheSinkCommits_committed_completesWhenItCommits() throws Exception {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .journal(journal(), UTF8)
                .config(config(10, WhenFull.REJECT))
                .build()) {
            CompletableFuture<Void> journaled = q.submit("a", Ack.JOURNALED);
            CompletableFuture<Void> committed = q.submit("b", Ack.COMMITTED);
            journaled.get(10, TimeUnit.SECONDS);
            waitFor(() -> sink.seen.size() == 2);
            assertThat(committed).as("b is journaled, not yet committed").isNotDone();
            assertThat(q.depth()).isEqualTo(2);
            sink.commit("b");
            committed.get(10, TimeUnit.SECONDS);
            sink.commit("a");
            waitFor(() -> q.depth() == 0);
        }
    }

    @Test
    void reject_refusesAtOnceWhenFull_namingTheQueueAndDepth_andDropsNothing() {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .name("tiny")
                .config(config(2, WhenFull.REJECT))
                .build()) {
            q.submit("1", Ack.COMMITTED);
            q.submit("2", Ack.COMMITTED);
            assertThatThrownBy(() -> q.submit("3", Ack.COMMITTED))
                    .isInstanceOf(WriteQueueFullException.class)
                    .hasMessageStartingWith(
                            "write queue 'tiny' full: 2 of 2 writes wait to commit (policy REJECT, waited ")
                    .satisfies(e ->
                            assertThat(((WriteQueueFullException) e).depth()).isEqualTo(2));
            assertThat(sink.seen).containsExactly("1", "2");
            sink.commit("1");
            waitFor(() -> q.depth() == 1);
            q.submit("3", Ack.COMMITTED);
            assertThat(sink.seen).containsExactly("1", "2", "3");
            sink.commit("2");
            sink.commit("3");
        }
    }

    @Test
    void block_waitsForRoom_thenTimesOutWithTheDepth() throws Exception {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .name("blocking")
                .config(config(1, WhenFull.BLOCK))
                .build()) {
            q.submit("1", Ack.COMMITTED);
            assertThatThrownBy(() -> q.submit("2", Ack.COMMITTED))
                    .isInstanceOf(WriteQueueFullException.class)
                    .hasMessageStartingWith(
                            "write queue 'blocking' full: 1 of 1 writes wait to commit (policy BLOCK, waited ")
                    .satisfies(e -> assertThat(((WriteQueueFullException) e).waited())
                            .isGreaterThanOrEqualTo(Duration.ofMillis(50)));
            // A writer that blocks gets in once room is made.
            CompletableFuture<CompletableFuture<Void>> blocked =
                    CompletableFuture.supplyAsync(() -> q.submit("3", Ack.COMMITTED));
            sink.commit("1");
            blocked.get(10, TimeUnit.SECONDS);
            waitFor(() -> sink.seen.contains("3"));
            sink.commit("3");
        }
    }

    @Test
    void committed_failsWithTheSinksFailure_andLeavesTheJournal() throws Exception {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q =
                WriteQueue.builder(sink).journal(journal(), UTF8).build()) {
            CompletableFuture<Void> f = q.submit("doomed", Ack.COMMITTED);
            waitFor(() -> sink.seen.contains("doomed"));
            RuleRefusal refused = new RuleRefusal("the pair is blocked");
            sink.fail("doomed", refused);
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isSameAs(refused);
        }
        assertThat(reopenedRecovers()).isZero();
    }

    @Test
    void journaled_whoseShardIsDown_isHandedToTheSinkAgain_untilItCommits() throws Exception {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .journal(journal(), UTF8)
                .config(config(10, WhenFull.BLOCK))
                .build()) {
            q.submit("retried", Ack.JOURNALED).get(10, TimeUnit.SECONDS);
            waitFor(() -> sink.seen.size() == 1);
            sink.fail("retried", down());
            waitFor(() -> sink.seen.size() == 2);
            sink.fail("retried", down());
            waitFor(() -> sink.seen.size() == 3);
            sink.commit("retried");
            waitFor(() -> q.depth() == 0);
        }
        assertThat(reopenedRecovers()).isZero();
    }

    @Test
    void journaled_refusedForGood_goesToTheListener_andLeavesTheJournal() throws Exception {
        HandSink sink = new HandSink();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .journal(journal(), UTF8)
                .onFailure((w, why) -> heard.add(w + ": " + why.getMessage()))
                .build()) {
            q.submit("refused", Ack.JOURNALED).get(10, TimeUnit.SECONDS);
            waitFor(() -> sink.seen.size() == 1);
            sink.fail("refused", new IllegalArgumentException("bad row"));
            waitFor(() -> q.depth() == 0);
        }
        assertThat(heard).containsExactly("refused: bad row");
        assertThat(reopenedRecovers()).isZero();
    }

    @Test
    void writesCommittedWhileTheQueueCloses_leaveTheJournal_aCleanCloseLeavesNothingToReplay() throws Exception {
        HandSink sink = new HandSink();
        WriteQueue<String> q = WriteQueue.builder(sink).journal(journal(), UTF8).build();
        for (int i = 0; i < 20; i++) {
            q.submit("c" + i, Ack.JOURNALED).get(10, TimeUnit.SECONDS);
        }
        waitFor(() -> sink.seen.size() == 20);
        // The sink commits only once the queue is closing, as batches flushed by close() do.
        CompletableFuture<Void> commits = CompletableFuture.runAsync(() -> {
            waitFor(() -> sink.flushed);
            for (int i = 0; i < 20; i++) {
                sink.commit("c" + i);
            }
        });
        assertThat(q.close(Duration.ofSeconds(10)).complete()).isTrue();
        commits.get(10, TimeUnit.SECONDS);
        assertThat(reopenedRecovers()).isZero();
    }

    @Test
    void aFailureThatIsNotAboutTheWrite_neverDropsIt_evenForACommittedCaller() throws Exception {
        HandSink sink = new HandSink();
        try (WriteQueue<String> q = WriteQueue.builder(sink)
                .name("standby")
                .journal(journal(), UTF8)
                .config(config(10, WhenFull.BLOCK))
                .build()) {
            q.submit("journaled", Ack.JOURNALED).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> committed = q.submit("committed", Ack.COMMITTED);
            waitFor(() -> sink.seen.size() == 2);
            // A failover sent the pool to a read-only standby: not the writes' fault.
            sink.fail("journaled", readOnly());
            sink.fail("committed", readOnly());
            assertThatThrownBy(() -> committed.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(WriteNotCommittedException.class)
                    .hasMessageStartingWith("write queue 'standby': the write is not committed yet; it is journaled and"
                            + " tried again every 10 ms until it commits (do not submit it again)")
                    .satisfies(e -> assertThat(((WriteNotCommittedException) e).shardId())
                            .isEqualTo(ShardId.of(1)));
            waitFor(() -> sink.pending.containsKey("journaled") && sink.pending.containsKey("committed"));
            sink.commit("journaled");
            sink.commit("committed");
            waitFor(() -> q.depth() == 0);
        }
        assertThat(reopenedRecovers()).isZero();
    }

    @Test
    void whatAClosedQueueLeftInItsJournal_isReplayedByTheNextOne() throws Exception {
        HandSink sink = new HandSink();
        WriteQueue<String> q = WriteQueue.builder(sink).journal(journal(), UTF8).build();
        for (int i = 0; i < 100; i++) {
            q.submit("w" + i, Ack.JOURNALED).get(10, TimeUnit.SECONDS);
        }
        waitFor(() -> sink.seen.size() == 100);
        for (int i = 0; i < 100; i += 2) {
            sink.commit("w" + i);
        }
        QueueDrain drained = q.close(Duration.ofMillis(50));
        assertThat(drained.leftInJournal()).isEqualTo(50);
        assertThat(drained.complete()).isFalse();
        assertThat(sink.flushed).isTrue();

        CommitAll next = new CommitAll();
        try (WriteQueue<String> again =
                WriteQueue.builder(next).journal(journal(), UTF8).build()) {
            // The journal trims whole segments: the committed half shares one with the rest and comes
            // back too, which an idempotent sink shrugs off. None of the uncommitted half is missing.
            assertThat(again.replayReport().replayed()).isEqualTo(100);
            waitFor(() -> next.seen.size() == 100); // replayed on a thread of the queue's own
            assertThat(next.seen)
                    .containsAll(Stream.iterate(1, i -> i < 100, i -> i + 2)
                            .map(i -> "w" + i)
                            .toList());
        }
        assertThat(reopenedRecovers()).isZero();
    }

    @ParameterizedTest
    @EnumSource(JournalDamage.Kind.class)
    void aDamagedTail_isReportedAndSkipped_theRecordsBeforeItAreReplayed(JournalDamage.Kind kind) throws Exception {
        WriteQueue<String> q =
                WriteQueue.builder(new HandSink()).journal(journal(), UTF8).build();
        for (int i = 0; i < 10; i++) {
            q.submit("d" + i, Ack.JOURNALED).get(10, TimeUnit.SECONDS);
        }
        q.close(Duration.ZERO);
        Path segment = segments().get(segments().size() - 1);
        long end = dataEnd(segment); // the journal grows its files in zero-filled steps: the records end here
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            if (kind == JournalDamage.Kind.TORN_TAIL) {
                f.setLength(end - 3); // the last record loses its end, as a crash mid-write leaves it
            } else {
                f.seek(end - 1); // the last record's last payload byte: its checksum no longer holds
                int b = f.read();
                f.seek(end - 1);
                f.write(b ^ 0x5a);
            }
        }
        CommitAll next = new CommitAll();
        try (WriteQueue<String> again =
                WriteQueue.builder(next).journal(journal(), UTF8).build()) {
            ReplayReport report = again.replayReport();
            assertThat(report.replayed()).isEqualTo(9);
            waitFor(() -> next.seen.size() == 9);
            assertThat(report.damage()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(kind);
                assertThat(d.segment()).isEqualTo(segment.getFileName().toString());
            });
            assertThat(next.seen)
                    .containsExactlyElementsOf(Stream.iterate(0, i -> i < 9, i -> i + 1)
                            .map(i -> "d" + i)
                            .toList());
        }
    }

    @Test
    void aRecordTheCodecCannotRead_isSetAsideInQuarantine_neverDropped() throws Exception {
        HandSink sink = new HandSink();
        WriteQueue<String> q = WriteQueue.builder(sink).journal(journal(), UTF8).build();
        q.submit("fine", Ack.JOURNALED).get(10, TimeUnit.SECONDS);
        q.submit("undecodable by the next version", Ack.JOURNALED).get(10, TimeUnit.SECONDS);
        q.close(Duration.ZERO);
        CommitAll next = new CommitAll();
        try (WriteQueue<String> again =
                WriteQueue.builder(next).journal(journal(), UTF8).build()) {
            assertThat(again.replayReport().replayed()).isEqualTo(1);
            assertThat(again.replayReport().quarantined()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(dir.resolve("journal").resolve("quarantine"))) {
            List<Path> set = files.toList();
            assertThat(set).hasSize(1);
            assertThat(Files.readString(set.get(0))).isEqualTo("undecodable by the next version");
        }
    }

    @Test
    void close_drainsWhatTheSinkCommits_andFailsCommittedWritesItCouldNot() throws Exception {
        HandSink sink = new HandSink();
        WriteQueue<String> q = WriteQueue.builder(sink).name("closing").build();
        CompletableFuture<Void> done = q.submit("done", Ack.COMMITTED);
        CompletableFuture<Void> stuck = q.submit("stuck", Ack.COMMITTED);
        waitFor(() -> sink.seen.size() == 2);
        CompletableFuture.runAsync(() -> sink.commit("done"));
        QueueDrain drained = q.close(Duration.ofMillis(300));
        assertThat(done).isCompleted();
        assertThat(drained.undrained()).isEqualTo(1);
        assertThat(drained.leftInJournal()).isZero();
        assertThatThrownBy(() -> stuck.get(1, TimeUnit.SECONDS))
                .cause()
                .hasMessage("write queue 'closing' closed before the write committed; it may or may not be written");
        assertThatThrownBy(() -> q.submit("late", Ack.COMMITTED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("write queue 'closing' is closed");
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void badArguments_areNamed() {
        try (WriteQueue<String> q =
                WriteQueue.builder(new CommitAll()).name("plain").build()) {
            assertThatThrownBy(() -> q.submit("x", Ack.JOURNALED))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("write queue 'plain' has no journal: Ack.JOURNALED needs one");
            assertThatThrownBy(() -> q.submit(null, Ack.COMMITTED)).hasMessage("write");
            assertThatThrownBy(() -> q.submit("x", null)).hasMessage("ack");
        }
        assertThatThrownBy(() -> WriteQueueConfig.builder().capacity(0)).hasMessage("capacity must be >= 1, but was 0");
        assertThatThrownBy(() -> WriteQueue.builder(new CommitAll()).name("with space"))
                .hasMessage("name must match [A-Za-z0-9_.-]{1,64}, but was 'with space'");
    }

    private static ShardQueryException readOnly() {
        return new ShardQueryException(
                ShardId.of(1),
                "s1",
                new java.sql.SQLException("cannot execute INSERT in a read-only transaction", "25006"));
    }

    private static ShardUnavailableException down() {
        return new ShardUnavailableException(ShardId.of(1), "s1", "cannot connect: refused", "active=0", null);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    /** Returns where a segment's records end: the journal grows its files in zero-filled steps. */
    private static long dataEnd(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    /** Opens the journal again (after the queue closed) and returns how many writes it would replay. */
    private int reopenedRecovers() {
        try (WriteQueue<String> q =
                WriteQueue.builder(new CommitAll()).journal(journal(), UTF8).build()) {
            return q.replayReport().replayed();
        }
    }

    /** Polls a condition the queue's threads make true; fails after 10 s (a bound, not a timing). */
    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
