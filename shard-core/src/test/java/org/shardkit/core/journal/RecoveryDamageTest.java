package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.core.journal.JournalDamage.Kind;
import org.shardkit.core.journal.Journals.Placed;
import org.slf4j.LoggerFactory;

/** Damage of known shape in a journal of 10 records of 100 bytes (120-byte frames) in one segment. */
class RecoveryDamageTest {
    /** A segment file's size once its first records are written: it grows in zero-filled steps. */
    private static final int GROWN = Math.min(GroupWriter.ALLOCATION_STEP, Journals.SEGMENT_BYTES);

    @TempDir
    Path dir;

    private List<Placed> placed;
    private Path segment;

    @BeforeEach
    void write() {
        Random random = new Random(7);
        try (Journal journal = Journal.open(Journals.small(dir))) {
            placed =
                    Journals.appendAll(
                                    journal,
                                    IntStream.range(0, 10)
                                            .mapToObj(i -> Journals.payload(random, 100))
                                            .toList())
                            .stream()
                            .map(Placed::of)
                            .toList();
        }
        segment = dir.resolve(placed.get(0).segment());
        assertThat(placed)
                .extracting(Placed::start)
                .containsExactly(0L, 120L, 240L, 360L, 480L, 600L, 720L, 840L, 960L, 1080L);
    }

    private JournalRecovery reopen() {
        try (Journal journal = Journal.open(Journals.small(dir))) {
            return journal.recovery();
        }
    }

    private void truncate(long size) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private void flip(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) offset] ^= 0x5A;
        Files.write(segment, bytes);
    }

    private void assertOnlyDamage(JournalRecovery recovery, Kind kind, long offset, long bytes, String message) {
        assertThat(recovery.damage())
                .containsExactly(new JournalDamage(segment.getFileName().toString(), offset, bytes, kind, message));
    }

    private void assertRecovered(JournalRecovery recovery, int... indexes) {
        assertThat(recovery.records()).hasSize(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            JournalRecord r = recovery.records().get(i);
            assertThat(r.sequence()).isEqualTo(placed.get(indexes[i]).sequence());
            assertThat(r.payload()).isEqualTo(placed.get(indexes[i]).payload());
        }
    }

    @Test
    void recover_lastRecordCutMidPayload_isATornTail_andTheRestIsRecovered() throws IOException {
        truncate(1080 + 20 + 37);
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertOnlyDamage(
                recovery, Kind.TORN_TAIL, 1080, 57, "record cut short (57 of 120 bytes) at the end of the file");
        assertThat(recovery.bytesRead()).isEqualTo(1080 + 57);
    }

    @Test
    void recover_lastRecordCutMidHeader_isATornTail() throws IOException {
        truncate(1080 + 7);
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertOnlyDamage(
                recovery, Kind.TORN_TAIL, 1080, 7, "record header cut short (7 of 20 bytes) at the end of the file");
    }

    @Test
    void recover_zerosAfterTheLastRecord_areTheUnwrittenEnd_notDamage() throws IOException {
        assertThat(Files.size(segment)).isEqualTo(GROWN); // grown ahead of the records
        Files.write(segment, new byte[300], StandardOpenOption.APPEND);
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(recovery.isClean()).isTrue();
        assertThat(recovery.bytesRead()).isEqualTo(GROWN + 300);
    }

    @Test
    void recover_lastRecordEndingInZeros_isATornTail() throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        bytes[1080 + 20 + 29] = 0x7F; // the last byte that reached the disk
        java.util.Arrays.fill(bytes, 1080 + 20 + 30, 1200, (byte) 0); // the rest of the write never did
        Files.write(segment, bytes);
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertOnlyDamage(
                recovery,
                Kind.TORN_TAIL,
                1080,
                GROWN - 1080,
                "checksum mismatch in record of sequence 10, only zeros after its first 50 bytes: a"
                        + " write cut short");
    }

    /** Record 4's payload, and its length (100 becomes 0x5A64, which runs past the next records). */
    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {480 + 20 + 50, 480 + 6})
    void recover_flippedByteOfAMiddleRecord_isCorrupt_andRecordsAfterItAreRecovered(int offset) throws IOException {
        flip(offset);
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertOnlyDamage(
                recovery,
                Kind.CORRUPT,
                480,
                120,
                "checksum mismatch in record of sequence 5; next valid record at offset 600");
    }

    @Test
    void recover_implausibleLength_andBadMagic_areCorrupt() throws IOException {
        flip(120 + 4); // record 1's length becomes 0x5A000064, over 1 GiB
        flip(600 + 1); // record 5's magic
        JournalRecovery recovery = reopen();
        assertRecovered(recovery, 0, 2, 3, 4, 6, 7, 8, 9);
        assertThat(recovery.damage())
                .extracting(JournalDamage::offset, JournalDamage::bytesSkipped, JournalDamage::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(120L, 120L, Kind.CORRUPT),
                        org.assertj.core.groups.Tuple.tuple(600L, 120L, Kind.CORRUPT));
        assertThat(recovery.damage().get(0).message()).startsWith("implausible length 1509949540;");
        assertThat(recovery.damage().get(1).message()).startsWith("bad magic 0x5311");
    }

    @Test
    void recover_damage_isLoggedAtWarnOncePerRegion() throws IOException {
        flip(240 + 30);
        truncate(1080 + 3);
        Logger logger = (Logger) LoggerFactory.getLogger(Journal.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            JournalRecovery recovery = reopen();
            assertThat(recovery.damage()).extracting(JournalDamage::kind).containsExactly(Kind.CORRUPT, Kind.TORN_TAIL);
            assertThat(appender.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "journal " + dir.toAbsolutePath() + ": CORRUPT in " + segment.getFileName()
                                    + " at offset 240, 120 bytes skipped: checksum mismatch in record of sequence 3;"
                                    + " next valid record at offset 360",
                            "journal " + dir.toAbsolutePath() + ": TORN_TAIL in " + segment.getFileName()
                                    + " at offset 1080, 3 bytes skipped: record header cut short (3 of 20 bytes) at"
                                    + " the end of the file");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void recover_segmentWithNoValidRecord_isReportedAndReplaced() throws IOException {
        truncate(15);
        try (Journal journal = Journal.open(Journals.small(dir))) {
            assertThat(journal.recovery().records()).isEmpty();
            assertThat(journal.recovery().damage())
                    .singleElement()
                    .extracting(JournalDamage::kind)
                    .isEqualTo(Kind.TORN_TAIL);
            // The file was deleted, and the new segment starts at the same, never acknowledged, sequence.
            assertThat(Files.size(segment)).isZero();
            assertThat(journal.append(new byte[] {1}, java.time.Duration.ZERO)
                            .join()
                            .sequence())
                    .isEqualTo(1);
        }
    }
}
