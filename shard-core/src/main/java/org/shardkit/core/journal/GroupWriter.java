package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.shardkit.core.journal.AppendQueue.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's writer thread: takes every queued record as one group, frames them into one
 * buffer, writes it with one channel write and forces it with one {@code force(false)}, and only
 * then completes the group's futures (group commit). A group that crosses a segment's end is
 * written and forced in two parts, the old segment before the new one is created. The first
 * failed write or force fails the journal. Runs on one thread; its counters are read from any.
 *
 * <p>A segment file grows in zero-filled steps of {@value #ALLOCATION_STEP} bytes ahead of its
 * records: a force that only overwrites blocks the file already has need not commit a change of
 * the file's size and blocks to the file system's journal, and costs a fraction of one that does
 * (what SQLite's and PostgreSQL's reused WAL files gain too). Recovery reads the zeros after the
 * last record as the unwritten end of the file.
 */
final class GroupWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int INITIAL_BUFFER_BYTES = 64 << 10;
    /** How far ahead of its records a segment file is zero-filled: 1 MiB. */
    static final int ALLOCATION_STEP = 1 << 20;

    private final AppendQueue queue;
    private final SegmentFiles files;
    private final Consumer<Segment> sealed;
    private final int segmentBytes;
    private final int maxGroupRecords;
    private final RecordFormat format = new RecordFormat();
    private final List<JournalRecord> unforced = new ArrayList<>();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
    private long allocated; // the active segment's size: its records, then zeros
    private Segment active;
    private FileChannel channel;
    private long nextSequence;
    private boolean failed;
    private String step = "write to"; // what the writer was doing to the active segment, for the failure's message
    private volatile long appended;
    private volatile long forces;

    /**
     * Creates the writer.
     *
     * @param queue where appends wait
     * @param files the directory's segment files
     * @param first the segment created at open, empty, and its channel
     * @param nextSequence the sequence of the first record appended
     * @param settings the sizes
     * @param sealed told of each segment that appends left behind and whose records are all done
     */
    GroupWriter(
            AppendQueue queue,
            SegmentFiles files,
            SegmentFiles.Created first,
            long nextSequence,
            JournalSettings settings,
            Consumer<Segment> sealed) {
        this.queue = queue;
        this.files = files;
        this.sealed = sealed;
        this.segmentBytes = settings.segmentBytes();
        this.maxGroupRecords = settings.maxGroupRecords();
        this.active = first.segment();
        this.channel = first.channel();
        this.nextSequence = nextSequence;
    }

    /** Returns the records written and forced so far. */
    long appended() {
        return appended;
    }

    /** Returns the {@code force} calls made on segment files so far. */
    long forces() {
        return forces;
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<Pending> group = queue.take(maxGroupRecords);
                if (group.isEmpty()) {
                    break; // closed, and everything queued is written
                }
                if (!write(group)) {
                    break;
                }
            }
        } finally {
            finish();
        }
    }

    /** Writes one group; returns false if it failed the journal. */
    private boolean write(List<Pending> group) {
        List<JournalRecord> forced = new ArrayList<>(group.size());
        try {
            for (Pending p : group) {
                int frame = RecordFormat.frameBytes(p.payload().length);
                if (active.bytes() + buffer.position() + frame > segmentBytes) {
                    flush(forced);
                    roll();
                }
                room(frame);
                long sequence = nextSequence++;
                format.put(buffer, sequence, p.payload());
                unforced.add(
                        new JournalRecord(files, active, sequence, p.payload(), active.bytes() + buffer.position()));
            }
            flush(forced);
        } catch (IOException | RuntimeException e) {
            JournalException failure = new JournalException(
                    "journal " + files.directory() + ": " + step + " " + active.name()
                            + " failed; the journal refuses appends from now on (after a failed write or"
                            + " force the file's state is unknown)",
                    e);
            LOG.error("{}", failure.getMessage(), e);
            failed = true;
            unforced.clear();
            // Refuse appends before any caller can see the failure, so none is accepted after it.
            List<Pending> left = queue.fail(failure);
            complete(group, forced);
            for (int i = forced.size(); i < group.size(); i++) {
                group.get(i).future().completeExceptionally(failure);
            }
            left.forEach(p -> p.future().completeExceptionally(failure));
            return false;
        }
        complete(group, forced);
        return true;
    }

    /** Writes the buffer to the active segment, forces it, and moves its records to {@code forced}. */
    private void flush(List<JournalRecord> forced) throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        int bytes = buffer.position();
        step = "write to";
        if (active.bytes() + bytes > allocated) {
            allocate(active.bytes() + bytes);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        step = "force of";
        channel.force(false);
        forces++;
        active.added(unforced.size(), bytes);
        appended += unforced.size();
        forced.addAll(unforced);
        unforced.clear();
    }

    /** Zero-fills the active segment from its allocated end to the step that holds {@code needed} bytes. */
    private void allocate(long needed) throws IOException {
        long target = Math.min(segmentBytes, (needed + ALLOCATION_STEP - 1) / ALLOCATION_STEP * ALLOCATION_STEP);
        for (long position = allocated; position < target; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - position));
            position += channel.write(zeros, position);
        }
        allocated = Math.max(target, needed);
    }

    /** Moves appends to a new segment, and tells of the old one if nothing in it waits any more. */
    private void roll() throws IOException {
        Segment old = active;
        FileChannel oldChannel = channel;
        step = "creation of the segment after";
        SegmentFiles.Created next = files.create(nextSequence);
        active = next.segment();
        channel = next.channel();
        allocated = 0;
        oldChannel.close();
        if (old.seal()) {
            sealed.accept(old);
        }
    }

    /** Makes room in the buffer for one more frame; a frame and the buffer never pass a segment. */
    private void room(int frame) {
        if (buffer.remaining() >= frame) {
            return;
        }
        int capacity = buffer.capacity();
        while (capacity - buffer.position() < frame) {
            capacity = (int) Math.min(2L * capacity, segmentBytes);
        }
        ByteBuffer larger = ByteBuffer.allocateDirect(capacity);
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }

    private static void complete(List<Pending> group, List<JournalRecord> forced) {
        for (int i = 0; i < forced.size(); i++) {
            group.get(i).future().complete(forced.get(i));
        }
    }

    /**
     * Closes the active segment. If all its records are done it is deleted, and an empty segment
     * named for the next sequence takes its place, so that the next open goes on from there (an
     * empty segment is deleted at open). After a failure the files stay as they are, for the next
     * open to recover.
     */
    private void finish() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("journal {}: closing {} failed", files.directory(), active.name(), e);
        }
        if (failed || active.bytes() == 0 || !active.seal()) {
            return;
        }
        sealed.accept(active);
        try {
            files.create(nextSequence).channel().close();
        } catch (IOException e) {
            LOG.warn(
                    "journal {}: could not leave an empty segment for sequence {}; the next open may reuse"
                            + " sequences",
                    files.directory(),
                    nextSequence,
                    e);
        }
    }
}
