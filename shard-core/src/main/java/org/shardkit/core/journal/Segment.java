package org.shardkit.core.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment file and what its deletion waits for: the records in it that are not yet done, and
 * whether appends have moved on to a newer segment ({@link #seal()}). The writer thread counts
 * records in; callers of {@link Journal#done} count them out, lock-free. Thread-safe.
 */
final class Segment {
    private final Path file;
    private final long firstSequence;
    private final AtomicInteger notDone = new AtomicInteger();
    private final AtomicBoolean deleted = new AtomicBoolean();
    private volatile boolean sealed;
    private final AtomicLong bytes;

    /**
     * Creates the segment.
     *
     * @param file the segment's file
     * @param firstSequence the sequence its name carries
     * @param bytes its size now
     */
    Segment(Path file, long firstSequence, long bytes) {
        this.file = file;
        this.firstSequence = firstSequence;
        this.bytes = new AtomicLong(bytes);
    }

    Path file() {
        return file;
    }

    /** Returns the file's name, e.g. {@code journal-00000000000000000001.seg}. */
    String name() {
        return String.valueOf(file.getFileName());
    }

    long firstSequence() {
        return firstSequence;
    }

    /** Returns the file's size as this journal wrote or found it. */
    long bytes() {
        return bytes.get();
    }

    /** Counts records written to the file; called by the writer thread only, before anyone sees them. */
    void added(int records, long frameBytes) {
        notDone.addAndGet(records);
        bytes.addAndGet(frameBytes);
    }

    /** Marks that appends go to a newer segment; returns whether the segment can now be deleted. */
    boolean seal() {
        sealed = true;
        return notDone.get() == 0;
    }

    /** Counts one record done; returns whether the segment can now be deleted. */
    boolean recordDone() {
        return notDone.decrementAndGet() == 0 && sealed;
    }

    /** Returns true exactly once, to the one caller that may delete the file. */
    boolean claimDeletion() {
        return deleted.compareAndSet(false, true);
    }

    /** Returns the records in it not yet done. */
    int notDone() {
        return notDone.get();
    }

    @Override
    public String toString() {
        return name();
    }
}
