package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What the journal tests share: small settings, payloads, appending, and where records landed. */
final class Journals {
    /** The smallest segment, so that a few hundred records span several. */
    static final int SEGMENT_BYTES = JournalSettings.MIN_SEGMENT_BYTES;

    private Journals() {}

    /** Settings with 64 KiB segments and the default bound. */
    static JournalSettings small(Path dir) {
        return JournalSettings.builder(dir).segmentBytes(SEGMENT_BYTES).build();
    }

    /** Random bytes. */
    static byte[] payload(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Appends every payload at once, then waits for all of them: one or a few groups. */
    static List<JournalRecord> appendAll(Journal journal, List<byte[]> payloads) {
        List<CompletableFuture<JournalRecord>> futures = new ArrayList<>();
        for (byte[] p : payloads) {
            futures.add(journal.append(p, Duration.ofSeconds(10)));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Where a record is on disk: its file and its first and past-last byte. */
    record Placed(long sequence, byte[] payload, String segment, long start, long end) {
        static Placed of(JournalRecord r) {
            return new Placed(
                    r.sequence(),
                    r.payload(),
                    r.segment().name(),
                    r.endOffset() - RecordFormat.frameBytes(r.payloadBytes()),
                    r.endOffset());
        }
    }

    /** Returns the directory's segment files, in name order. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }
}
