package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardkit.core.journal.JournalDamage.Kind;
import org.shardkit.core.journal.Journals.Placed;

/**
 * Random damage, many seeds: a journal of a few hundred records of random sizes over two or three
 * segments is cut at a random offset of a random file, or has 1 to 4 bytes changed at random
 * offsets. What recovery must return follows from where the damage fell: every record whose bytes
 * were not touched (and no other), byte for byte, in order; one damage region per run of touched
 * records, starting at the first one's offset and ending where the next untouched record starts or
 * the file ends. A changed byte is caught by the checksum (CRC32C detects every error burst of up to
 * 32 bits), so it is always damage, never data; a run of damage is a torn tail only when it ends the
 * file and starts with a record cut short.
 */
class RandomDamageTest {
    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void recover_randomDamage_returnsExactlyTheUntouchedRecords_andReportsEachDamagedRun(long seed) throws IOException {
        Random random = new Random(seed);
        List<Placed> placed;
        try (Journal journal = Journal.open(Journals.small(dir))) {
            int count = 300 + random.nextInt(200);
            placed = Journals.appendAll(
                            journal,
                            IntStream.range(0, count)
                                    .mapToObj(i -> Journals.payload(random, 1 + random.nextInt(600)))
                                    .toList())
                    .stream()
                    .map(Placed::of)
                    .toList();
        }
        Map<String, List<Placed>> byFile = new LinkedHashMap<>();
        placed.forEach(
                p -> byFile.computeIfAbsent(p.segment(), k -> new ArrayList<>()).add(p));
        assertThat(byFile).hasSizeGreaterThanOrEqualTo(2);

        Set<Placed> touched = new java.util.HashSet<>();
        Map<String, Long> cutAt = new LinkedHashMap<>();
        if (random.nextInt(3) == 0) {
            List<String> names = new ArrayList<>(byFile.keySet());
            String name = names.get(random.nextInt(names.size()));
            long size = Files.size(dir.resolve(name));
            long t = (long) (random.nextDouble() * (size + 1));
            truncate(dir.resolve(name), t);
            cutAt.put(name, t);
            byFile.getOrDefault(name, List.of()).stream()
                    .filter(p -> p.end() > t)
                    .forEach(touched::add);
        } else {
            long total = placed.stream().mapToLong(p -> p.end() - p.start()).sum();
            Set<Long> positions = new TreeSet<>();
            int flips = 1 + random.nextInt(4);
            while (positions.size() < flips) {
                positions.add((long) (random.nextDouble() * total));
            }
            for (long position : positions) {
                Placed hit = locate(placed, position);
                flip(dir.resolve(hit.segment()), hit.start() + (position - offsetOf(placed, hit)), random);
                touched.add(hit);
            }
        }

        List<Region> expectedDamage = expectedDamage(byFile, touched, cutAt);
        JournalRecovery recovery;
        try (Journal journal = Journal.open(Journals.small(dir))) {
            recovery = journal.recovery();
        }

        List<Placed> expected =
                placed.stream().filter(p -> !touched.contains(p)).toList();
        assertThat(recovery.records())
                .extracting(JournalRecord::sequence)
                .containsExactlyElementsOf(
                        expected.stream().map(Placed::sequence).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(recovery.records().get(i).payload())
                    .isEqualTo(expected.get(i).payload());
        }
        assertThat(recovery.damage()).map(Region::of).containsExactlyElementsOf(expectedDamage);
        assertThat(recovery.segmentsRead()).isEqualTo(byFile.size());
    }

    /** A damaged region without its message (messages are checked by {@code RecoveryDamageTest}). */
    record Region(String segment, long offset, long bytesSkipped, Kind kind) {
        static Region of(JournalDamage d) {
            return new Region(d.segment(), d.offset(), d.bytesSkipped(), d.kind());
        }
    }

    /** One region per run of touched records in a file, as the class Javadoc says; read before reopening. */
    private List<Region> expectedDamage(Map<String, List<Placed>> byFile, Set<Placed> touched, Map<String, Long> cutAt)
            throws IOException {
        List<Region> expected = new ArrayList<>();
        for (Map.Entry<String, List<Placed>> file : byFile.entrySet()) {
            List<Placed> records = file.getValue();
            long fileEnd = cutAt.getOrDefault(
                    file.getKey(), records.get(records.size() - 1).end());
            for (int i = 0; i < records.size(); i++) {
                if (!touched.contains(records.get(i))) {
                    continue;
                }
                int last = i;
                while (last + 1 < records.size() && touched.contains(records.get(last + 1))) {
                    last++;
                }
                long start = records.get(i).start();
                long end = Math.min(fileEnd, records.get(last).end());
                if (end > start) {
                    Kind kind = end == fileEnd && startsCutShort(file.getKey(), start, fileEnd)
                            ? Kind.TORN_TAIL
                            : Kind.CORRUPT;
                    expected.add(new Region(file.getKey(), start, end - start, kind));
                }
                i = last;
            }
        }
        return expected;
    }

    /** Whether the bytes at {@code start} are a record header (or part of one) that runs past the file's end. */
    private boolean startsCutShort(String name, long start, long fileEnd) throws IOException {
        if (fileEnd - start < RecordFormat.HEADER_BYTES) {
            return true;
        }
        ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);
        try (FileChannel ch = FileChannel.open(dir.resolve(name))) {
            ch.read(header, start);
        }
        int length = header.getInt(RecordFormat.LENGTH_OFFSET);
        return header.getInt(0) == RecordFormat.MAGIC
                && length <= JournalSettings.MAX_SEGMENT_BYTES - RecordFormat.HEADER_BYTES
                && length > fileEnd - start - RecordFormat.HEADER_BYTES;
    }

    private static Placed locate(List<Placed> placed, long position) {
        long offset = 0;
        for (Placed p : placed) {
            offset += p.end() - p.start();
            if (position < offset) {
                return p;
            }
        }
        throw new AssertionError("position " + position + " past the records");
    }

    private static long offsetOf(List<Placed> placed, Placed target) {
        long offset = 0;
        for (Placed p : placed) {
            if (p == target) {
                return offset;
            }
            offset += p.end() - p.start();
        }
        throw new AssertionError(target + " not placed");
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void flip(Path file, long offset, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= (byte) (1 + random.nextInt(255));
        Files.write(file, bytes);
    }
}
