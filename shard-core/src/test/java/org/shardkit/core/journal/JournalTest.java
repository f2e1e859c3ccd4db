package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Random random = new Random(13);

    @TempDir
    Path dir;

    private List<byte[]> payloads(int count, int size) {
        return IntStream.range(0, count)
                .mapToObj(i -> Journals.payload(random, size))
                .toList();
    }

    @Test
    void appendDoneReopen_acrossSegments_recoversWhatIsNotDone_andContinuesTheSequence() throws Exception {
        List<byte[]> payloads = payloads(1000, 200); // 220-byte frames: 297 per 64 KiB segment
        List<JournalRecord> written;
        try (Journal journal = Journal.open(Journals.small(dir))) {
            assertThat(journal.recovery().records()).isEmpty();
            assertThat(journal.recovery().segmentsRead()).isZero();
            written = Journals.appendAll(journal, payloads);
            assertThat(written).extracting(JournalRecord::sequence).containsExactlyElementsOf(seq(1, 1000));
            assertThat(Journals.segmentFiles(dir))
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly(
                            SegmentFiles.name(1),
                            SegmentFiles.name(298),
                            SegmentFiles.name(595),
                            SegmentFiles.name(892));
            assertThat(journal.appendedRecords()).isEqualTo(1000);
            assertThat(journal.liveBytes()).isEqualTo(1000 * 220);

            written.subList(0, 297).forEach(journal::done); // all of the first segment
            written.subList(297, 400).forEach(journal::done); // part of the second
            written.subList(0, 297).forEach(journal::done); // again: idempotent

            assertThat(Journals.segmentFiles(dir)).hasSize(3).noneMatch(p -> p.endsWith(SegmentFiles.name(1)));
            assertThat(journal.liveBytes()).isEqualTo(703 * 220);
        }

        try (Journal journal = Journal.open(Journals.small(dir))) {
            JournalRecovery recovery = journal.recovery();
            // The second segment is still on disk, so its done records come back too: at least once.
            assertThat(recovery.records())
                    .extracting(JournalRecord::sequence)
                    .containsExactlyElementsOf(seq(298, 1000));
            for (JournalRecord r : recovery.records()) {
                assertThat(r.payload()).isEqualTo(payloads.get((int) r.sequence() - 1));
            }
            assertThat(recovery.isClean()).isTrue();
            assertThat(recovery.segmentsRead()).isEqualTo(3);
            long fileBytes = 0;
            for (Path file : Journals.segmentFiles(dir)) {
                fileBytes += Files.size(file); // records, then the zeros the files grew by
            }
            assertThat(recovery.bytesRead()).isEqualTo(fileBytes).isGreaterThan(703 * 220);

            JournalRecord next = journal.append(payloads.get(0), WAIT).join();
            assertThat(next.sequence()).isEqualTo(1001);

            recovery.records().forEach(journal::done);
            journal.done(next);
            assertThat(Journals.segmentFiles(dir)).containsExactly(dir.resolve(SegmentFiles.name(1001)));
        }
        // Close replaced the last segment, whose records were all done, by an empty one that keeps the sequence.
        assertThat(Journals.segmentFiles(dir)).containsExactly(dir.resolve(SegmentFiles.name(1002)));
        assertThat(Files.size(dir.resolve(SegmentFiles.name(1002)))).isZero();
        try (Journal journal = Journal.open(Journals.small(dir))) {
            assertThat(journal.recovery().records()).isEmpty();
            assertThat(journal.recovery().segmentsRead()).isEqualTo(1);
            assertThat(journal.append(payloads.get(1), WAIT).join().sequence()).isEqualTo(1002);
        }
    }

    private static List<Long> seq(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void close_withRecordsQueued_writesAndForcesThemFirst() throws Exception {
        InstrumentedChannels channels = new InstrumentedChannels();
        List<CompletableFuture<JournalRecord>> futures = new ArrayList<>();
        Journal journal = Journal.open(Journals.small(dir), System::nanoTime, channels);
        channels.closeGate();
        futures.add(journal.append(new byte[] {1}, WAIT));
        channels.awaitForceHeld();
        for (int i = 2; i <= 50; i++) {
            futures.add(journal.append(new byte[] {(byte) i}, WAIT));
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(journal::close);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        channels.openGate();
        closing.join();

        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThatThrownBy(() -> journal.append(new byte[] {1}, WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("journal " + dir.toAbsolutePath() + " is closed");
        journal.done(futures.get(0).join()); // ignored after close: the record stays on disk
        try (Journal reopened = Journal.open(Journals.small(dir))) {
            assertThat(reopened.recovery().records())
                    .extracting(r -> r.payload()[0])
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 50).mapToObj(i -> (byte) i).toList());
        }
    }

    @Test
    void open_directoryInUseInThisProcess_failsClearly_untilClosed() {
        Journal first = Journal.open(Journals.small(dir));
        assertThatThrownBy(() -> Journal.open(Journals.small(dir)))
                .isInstanceOf(JournalException.class)
                .hasMessage("journal " + dir.toAbsolutePath()
                        + " is in use by another journal in this process (close it first)");
        first.close();
        first.close(); // idempotent
        try (Journal second = Journal.open(Journals.small(dir))) {
            assertThat(second.recovery().records()).isEmpty();
        }
    }

    @Test
    void open_startsTheWriterAsANamedDaemon_andCloseStopsIt() {
        Journal journal = Journal.open(Journals.small(dir));
        String name = "shardkit-journal-" + dir.getFileName();
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(writer.isDaemon()).isTrue();
        journal.close();
        assertThat(writer.isAlive()).isFalse();
    }

    @Test
    void open_createsAMissingDirectory_andAppendsToANewSegment() throws Exception {
        Path nested = dir.resolve("a/b");
        try (Journal journal = Journal.open(Journals.small(nested))) {
            journal.append(new byte[] {7}, WAIT).join();
        }
        try (Journal journal = Journal.open(Journals.small(nested))) {
            journal.append(new byte[] {8}, WAIT).join();
            assertThat(Journals.segmentFiles(nested))
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly(SegmentFiles.name(1), SegmentFiles.name(2));
            assertThat(journal.recovery().records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.payload()).containsExactly(7));
        }
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void appendAndDone_badArguments_areRefusedNamingTheValue() {
        JournalSettings settings = JournalSettings.builder(dir)
                .segmentBytes(65536)
                .maxRecordBytes(1000)
                .build();
        try (Journal journal = Journal.open(settings);
                Journal other = Journal.open(Journals.small(dir.resolve("x")))) {
            assertThatThrownBy(() -> journal.append(null, WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload must not be null");
            assertThatThrownBy(() -> journal.append(new byte[0], WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload must be 1 to maxRecordBytes (1000) bytes, but was 0 bytes");
            assertThatThrownBy(() -> journal.append(new byte[1001], WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload must be 1 to maxRecordBytes (1000) bytes, but was 1001 bytes");
            assertThatThrownBy(() -> journal.append(new byte[1], Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxWait must be >= 0, but was PT-0.001S");
            assertThatThrownBy(() -> journal.append(new byte[1], null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxWait must be >= 0, but was null");
            assertThatThrownBy(() -> journal.done(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("record must belong to journal " + dir.toAbsolutePath() + ", but was null");
            JournalRecord foreign = other.append(new byte[] {1}, WAIT).join();
            assertThatThrownBy(() -> journal.done(foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("record must belong to journal " + dir.toAbsolutePath()
                            + ", but was JournalRecord[sequence=1, 1 bytes, " + SegmentFiles.name(1) + "]")
                    .hasMessageEndingWith(" of journal " + dir.resolve("x").toAbsolutePath());
            assertThat(journal.appendedRecords()).isZero();
        }
    }

    @Test
    void append_copiesThePayload_andRecordsHandOutCopies() {
        try (Journal journal = Journal.open(Journals.small(dir))) {
            byte[] bytes = {1, 2, 3};
            CompletableFuture<JournalRecord> future = journal.append(bytes, WAIT);
            bytes[0] = 9;
            JournalRecord record = future.join();
            assertThat(record.payload()).containsExactly(1, 2, 3);
            record.payload()[1] = 9;
            assertThat(record.payload()).containsExactly(1, 2, 3);
            assertThat(record.payloadBytes()).isEqualTo(3);
        }
    }
}
