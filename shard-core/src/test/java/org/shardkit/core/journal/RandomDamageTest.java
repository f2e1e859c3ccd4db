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
 * segments is cut at a random offset of a random file, or has the end of a file's records zeroed
 * from a random offset (a write cut short in space the file had grown by), or has 1 to 4 bytes
 * changed at random offsets. What recovery must return follows from where the damage fell: every record whose bytes
 * were not touched (and no other), byte for byte, in order; one damage region per run of touched
 * records, starting at the first one's offset and ending where the next untouched record starts or
 * the file ends. A changed byte is caught by the checksum (CRC32C detects every error burst of up to
 * 32 bits), so it is always damage, never data; a run of damage is a torn tail only when it ends the
 * file and starts with a record cut short by the last byte written (files grow in zero-filled
 * steps, so the bytes after the last record are zeros, which are not damage: a run of touched records
 * that holds only zeros is no damage either).
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
        int mode = random.nextInt(4);
        if (mode == 0) {
            List<String> names = new ArrayList<>(byFile.keySet());
            String name = names.get(random.nextInt(names.size()));
            long size = Files.size(dir.resolve(name));
            long t = (long) (random.nextDouble() * (size + 1));
            truncate(dir.resolve(name), t);
            byFile.getOrDefault(name, List.of()).stream()
                    .filter(p -> p.end() > t)
                    .forEach(touched::add);
        } else if (mode == 1) {
            List<Placed> inFile = new ArrayList<>(byFile.values()).get(random.nextInt(byFile.size()));
            Placed last = inFile.get(inFile.size() - 1);
            long z = inFile.get(0).start()
                    + (long) (random.nextDouble() * (last.end() - inFile.get(0).start()));
            byte[] bytes = Files.readAllBytes(dir.resolve(last.segment()));
            for (Placed p : inFile) {
                for (long b = Math.max(z, p.start()); b < p.end(); b++) {
                    if (bytes[(int) b] != 0) {
                        touched.add(p); // a byte of it changes
                    }
                }
            }
            java.util.Arrays.fill(bytes, (int) z, (int) last.end(), (byte) 0);
            Files.write(dir.resolve(last.segment()), bytes);
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

        List<Region> expectedDamage = expectedDamage(byFile, touched);
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
    private List<Region> expectedDamage(Map<String, List<Placed>> byFile, Set<Placed> touched) throws IOException {
        List<Region> expected = new ArrayList<>();
        for (Map.Entry<String, List<Placed>> file : byFile.entrySet()) {
            List<Placed> records = file.getValue();
            long fileEnd = Files.size(dir.resolve(file.getKey())); // records, then zeros; or where it was cut
            for (int i = 0; i < records.size(); i++) {
                if (!touched.contains(records.get(i))) {
                    continue;
                }
                int last = i;
                while (last + 1 < records.size() && touched.contains(records.get(last + 1))) {
                    last++;
                }
                long start = records.get(i).start();
                // A run that no untouched record follows takes the rest of the file, zeros included.
                long end = last + 1 < records.size() ? records.get(last + 1).start() : fileEnd;
                if (end > start && !(end == fileEnd && writtenFrom(file.getKey(), start) == 0)) {
                    Kind kind = end == fileEnd && startsCutShort(file.getKey(), start) ? Kind.TORN_TAIL : Kind.CORRUPT;
                    expected.add(new Region(file.getKey(), start, end - start, kind));
                }
                i = last;
            }
        }
        return expected;
    }

    /**
     * Whether the bytes at {@code start} are a record cut short by the end of what was written (the
     * last non-zero byte of the file): fewer bytes than a header, or a header whose length runs past it.
     */
    private boolean startsCutShort(String name, long start) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        int written = writtenFrom(name, start);
        if (written < RecordFormat.HEADER_BYTES) {
            return true;
        }
        ByteBuffer header =
                ByteBuffer.wrap(bytes, (int) start, RecordFormat.HEADER_BYTES).slice();
        int length = header.getInt(RecordFormat.LENGTH_OFFSET);
        return header.getInt(0) == RecordFormat.MAGIC
                && length >= 1
                && length <= JournalSettings.MAX_SEGMENT_BYTES - RecordFormat.HEADER_BYTES
                && length > written - RecordFormat.HEADER_BYTES;
    }

    /** Returns how many bytes from {@code start} run to the file's last non-zero byte: 0 if only zeros follow. */
    private int writtenFrom(String name, long start) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        for (int p = bytes.length - 1; p >= start; p--) {
            if (bytes[p] != 0) {
                return (int) (p + 1 - start);
            }
        }
        return 0;
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
