package org.shardkit.core.writequeue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.shardkit.core.journal.Journal;
import org.shardkit.core.journal.JournalRecord;
import org.shardkit.core.journal.JournalRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue does with the records its journal recovered at start: decodes each and hands it back
 * to the queue, or, when the codec cannot read it, sets its bytes aside in the journal directory's
 * {@code quarantine} folder (never dropped) and lets the journal forget it.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {}

    static <T> ReplayReport replay(
            String queue, Journal journal, JournalCodec<T> codec, BiConsumer<JournalRecord, T> admit) {
        JournalRecovery recovery = journal.recovery();
        int replayed = 0;
        int quarantined = 0;
        for (JournalRecord record : recovery.records()) {
            T write;
            try {
                write = codec.decode(record.payload());
            } catch (RuntimeException bad) {
                quarantine(queue, journal.settings().directory(), record, bad);
                journal.done(record);
                quarantined++;
                continue;
            }
            admit.accept(record, write);
            replayed++;
        }
        ReplayReport report = new ReplayReport(replayed, quarantined, recovery.damage());
        if (replayed > 0 || quarantined > 0 || !recovery.damage().isEmpty()) {
            LOG.info(
                    "write queue '{}' replayed {} writes from its journal; {} set aside, {} damaged regions skipped",
                    queue,
                    replayed,
                    quarantined,
                    recovery.damage().size());
        }
        return report;
    }

    private static void quarantine(String queue, Path directory, JournalRecord record, RuntimeException why) {
        Path file = directory.resolve("quarantine").resolve("record-" + record.sequence() + ".bin");
        try {
            Files.createDirectories(directory.resolve("quarantine"));
            Files.write(file, record.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "write queue '" + queue + "' cannot set aside undecodable record " + record.sequence() + " in "
                            + file,
                    e);
        }
        LOG.error(
                "write queue '{}': journal record {} cannot be decoded and was set aside in {}: {}",
                queue,
                record.sequence(),
                file,
                why.getMessage());
    }
}
