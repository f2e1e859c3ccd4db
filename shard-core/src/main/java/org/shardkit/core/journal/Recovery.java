package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a journal does at open, before it appends: reads every segment file of the directory in
 * order, keeps the valid records, reports and logs the damage, deletes the files left with no
 * record, and works out the next sequence. Not thread-safe: runs once, in {@link Journal#open}.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /**
     * The outcome.
     *
     * @param report what the caller sees
     * @param segments the files kept, each with records not done
     * @param liveBytes their bytes
     * @param nextSequence the sequence of the next record appended
     */
    record Result(JournalRecovery report, List<Segment> segments, long liveBytes, long nextSequence) {}

    private Recovery() {}

    /**
     * Recovers a directory.
     *
     * @param files the directory's segment files
     * @return the outcome
     * @throws JournalException if a file cannot be read or listed, or an empty one cannot be deleted
     */
    static Result run(SegmentFiles files) {
        List<JournalRecord> records = new ArrayList<>();
        List<JournalDamage> damage = new ArrayList<>();
        List<Segment> kept = new ArrayList<>();
        long liveBytes = 0;
        long bytesRead = 0;
        long nextSequence = 1;
        List<Path> paths;
        try {
            paths = files.list();
        } catch (IOException e) {
            throw new JournalException("journal " + files.directory() + ": cannot list its segment files", e);
        }
        SegmentScanner scanner = new SegmentScanner();
        for (Path path : paths) {
            String name = String.valueOf(path.getFileName());
            long first = SegmentFiles.firstSequence(name);
            byte[] data = read(files, path);
            bytesRead += data.length;
            nextSequence = Math.max(nextSequence, first); // a file's name is the next sequence when it was created
            SegmentScanner.Scan scan = scanner.scan(name, first, data);
            for (JournalDamage d : scan.damage()) {
                LOG.warn(
                        "journal {}: {} in {} at offset {}, {} bytes skipped: {}",
                        files.directory(),
                        d.kind(),
                        d.segment(),
                        d.offset(),
                        d.bytesSkipped(),
                        d.message());
            }
            damage.addAll(scan.damage());
            Segment segment = new Segment(path, first, data.length);
            if (scan.records().isEmpty()) {
                if (!files.delete(segment)) {
                    throw new JournalException(
                            "journal " + files.directory() + ": cannot delete " + name + ", which holds no record",
                            null);
                }
                continue;
            }
            segment.added(scan.records().size(), 0);
            segment.seal();
            for (SegmentScanner.Found f : scan.records()) {
                records.add(new JournalRecord(files, segment, f.sequence(), f.payload(), f.endOffset()));
                nextSequence = Math.max(nextSequence, f.sequence() + 1);
            }
            kept.add(segment);
            liveBytes += data.length;
        }
        return new Result(new JournalRecovery(records, damage, paths.size(), bytesRead), kept, liveBytes, nextSequence);
    }

    private static byte[] read(SegmentFiles files, Path path) {
        try {
            long size = Files.size(path);
            if (size > Integer.MAX_VALUE - 8) {
                throw new JournalException(
                        "journal " + files.directory() + ": " + path.getFileName() + " is " + size
                                + " bytes, more than any segment a journal writes",
                        null);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new JournalException("journal " + files.directory() + ": cannot read " + path.getFileName(), e);
        }
    }
}
