package org.shardkit.core.writequeue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardkit.core.journal.Journal;
import org.shardkit.core.journal.JournalRecord;
import org.shardkit.core.journal.JournalRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue does with the records its journal recovered at start. {@link #recover} decodes each
 * (a record the codec cannot read is set aside in the journal directory's {@code quarantine} folder,
 * never dropped) without touching the database; {@link #start} then hands them to the queue on a
 * thread of its own, each waiting for room as a writer would, so that a queue whose journal holds
 * more than its capacity starts even while the database is away. Thread-safe.
 */
final class JournalReplay<T> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    /** Takes one replayed write into the queue; false when the queue closed first. */
    @FunctionalInterface
    interface Admission<T> {
        boolean admit(JournalRecord record, T write) throws InterruptedException;
    }

    private record Decoded<T>(JournalRecord record, T write) {}

    private final String queue;
    private final List<Decoded<T>> decoded;
    private final ReplayReport report;
    private final AtomicInteger waiting;

    private JournalReplay(String queue, List<Decoded<T>> decoded, ReplayReport report) {
        this.queue = queue;
        this.decoded = decoded;
        this.report = report;
        this.waiting = new AtomicInteger(decoded.size());
    }

    static <T> JournalReplay<T> recover(String queue, Journal journal, JournalCodec<T> codec) {
        JournalRecovery recovery = journal.recovery();
        List<Decoded<T>> decoded = new ArrayList<>(recovery.records().size());
        int quarantined = 0;
        for (JournalRecord record : recovery.records()) {
            try {
                decoded.add(new Decoded<>(record, codec.decode(record.payload())));
            } catch (RuntimeException bad) {
                quarantine(queue, journal.settings().directory(), record, bad);
                journal.done(record);
                quarantined++;
            }
        }
        ReplayReport report = new ReplayReport(decoded.size(), quarantined, recovery.damage());
        if (!decoded.isEmpty() || quarantined > 0 || !recovery.damage().isEmpty()) {
            LOG.info(
                    "write queue '{}' replays {} writes from its journal; {} set aside, {} damaged regions skipped",
                    queue,
                    decoded.size(),
                    quarantined,
                    recovery.damage().size());
        }
        return new JournalReplay<>(queue, decoded, report);
    }

    ReplayReport report() {
        return report;
    }

    /** Replayed writes not yet taken into the queue: in the journal still. */
    int waiting() {
        return waiting.get();
    }

    /** Hands the writes to the queue on a daemon thread, in journal order, until done or the queue closes. */
    void start(Admission<T> admission) {
        if (decoded.isEmpty()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        for (Decoded<T> d : decoded) {
                            if (!admission.admit(d.record(), d.write())) {
                                return;
                            }
                            waiting.decrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "shardkit-writequeue-" + queue + "-replay");
        t.setDaemon(true);
        t.start();
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
