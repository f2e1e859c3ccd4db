package org.shardkit.core.journal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One record in a {@link Journal}: its sequence, its payload, and the handle that
 * {@link Journal#done} takes once the record's write has been applied elsewhere. Records come from
 * {@link Journal#append} (once forced to disk) and {@link JournalRecovery#records()}.
 *
 * <p>Thread-safe; the payload is copied in and out, so a record never changes.
 */
public final class JournalRecord {
    private static final AtomicIntegerFieldUpdater<JournalRecord> DONE =
            AtomicIntegerFieldUpdater.newUpdater(JournalRecord.class, "done");

    private final SegmentFiles owner;
    private final Segment segment;
    private final long sequence;
    private final byte[] payload;
    private final long endOffset;
    private volatile int done;

    JournalRecord(SegmentFiles owner, Segment segment, long sequence, byte[] payload, long endOffset) {
        this.owner = owner;
        this.segment = segment;
        this.sequence = sequence;
        this.payload = payload;
        this.endOffset = endOffset;
    }

    /** Returns the record's sequence: increasing in append order, across segments and restarts. */
    public long sequence() {
        return sequence;
    }

    /** Returns a copy of the payload as it was appended. */
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns the payload's length in bytes, without copying it. */
    public int payloadBytes() {
        return payload.length;
    }

    /** Returns true the first time only: the one call that counts the record out of its segment. */
    boolean markDone() {
        return DONE.compareAndSet(this, 0, 1);
    }

    /** Returns the segment files of the journal the record belongs to, which identify that journal. */
    SegmentFiles owner() {
        return owner;
    }

    Segment segment() {
        return segment;
    }

    /** Returns the offset just past the record's last byte in its segment file. */
    long endOffset() {
        return endOffset;
    }

    @Override
    public String toString() {
        return "JournalRecord[sequence=" + sequence + ", " + payload.length + " bytes, " + segment.name() + "]";
    }
}
