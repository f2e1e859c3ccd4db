package org.shardkit.core.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shardkit.core.journal.JournalDamage.Kind;

/**
 * Reads the records of one segment file's bytes, and the damage between them. A record is valid
 * when its magic, its length (at least 1, within the file), its sequence (above the previous
 * record's, and at least the one the file's name carries) and its checksum all hold. Where only
 * zeros are left after a record, the file's written part ends (files grow in zero-filled steps).
 * After an invalid record the scan resynchronises on the next offset where a valid record starts,
 * so one damaged record costs only itself; a region that no valid record follows runs to the end
 * of the file, and is a torn tail when the record at its start is cut short by the end of the file
 * or by the zeros after the last byte written. Not thread-safe: one instance per scan.
 */
final class SegmentScanner {
    /** The longest payload any journal writes: what fits in the largest segment. */
    private static final int MAX_PLAUSIBLE_LENGTH = JournalSettings.MAX_SEGMENT_BYTES - RecordFormat.HEADER_BYTES;

    private final RecordFormat format = new RecordFormat();

    /** A valid record: its sequence, its payload and the offset just past it. */
    record Found(long sequence, byte[] payload, long endOffset) {}

    /** What one file holds. */
    record Scan(List<Found> records, List<JournalDamage> damage) {}

    /**
     * Scans one file.
     *
     * @param name the file's name, for the damage reports
     * @param firstSequence the sequence the file's name carries
     * @param data the file's bytes
     * @return its records in file order and its damage in offset order
     */
    Scan scan(String name, long firstSequence, byte[] data) {
        ByteBuffer view = ByteBuffer.wrap(data);
        List<Found> records = new ArrayList<>();
        List<JournalDamage> damage = new ArrayList<>();
        long previous = firstSequence - 1;
        int pos = 0;
        while (pos < data.length) {
            if (isValidAt(view, pos, previous)) {
                int length = view.getInt(pos + RecordFormat.LENGTH_OFFSET);
                previous = view.getLong(pos + 8);
                int end = pos + RecordFormat.frameBytes(length);
                records.add(new Found(previous, Arrays.copyOfRange(data, RecordFormat.HEADER_BYTES + pos, end), end));
                pos = end;
                continue;
            }
            if (zerosFrom(view, pos)) {
                break; // the unwritten end of the file
            }
            String fault = fault(view, pos, previous);
            int next = nextValid(view, pos + 1, previous);
            if (next >= 0) {
                damage.add(new JournalDamage(
                        name, pos, next - pos, Kind.CORRUPT, fault + "; next valid record at offset " + next));
                pos = next;
            } else {
                damage.add(tail(name, view, pos, fault));
                pos = data.length;
            }
        }
        return new Scan(records, damage);
    }

    private boolean isValidAt(ByteBuffer view, int pos, long previous) {
        int remaining = view.capacity() - pos;
        if (remaining < RecordFormat.HEADER_BYTES || view.getInt(pos) != RecordFormat.MAGIC) {
            return false;
        }
        int length = view.getInt(pos + RecordFormat.LENGTH_OFFSET);
        if (length < 1 || length > remaining - RecordFormat.HEADER_BYTES || view.getLong(pos + 8) <= previous) {
            return false;
        }
        int stored = view.getInt(pos + RecordFormat.CRC_OFFSET);
        byte[] data = view.array();
        return stored
                == format.checksum(
                        data, pos + RecordFormat.LENGTH_OFFSET, data, pos + RecordFormat.HEADER_BYTES, length);
    }

    private int nextValid(ByteBuffer view, int from, long previous) {
        for (int p = from; p <= view.capacity() - RecordFormat.HEADER_BYTES; p++) {
            if (view.getInt(p) == RecordFormat.MAGIC && isValidAt(view, p, previous)) {
                return p;
            }
        }
        return -1;
    }

    /** Says why the record at {@code pos} is not valid. */
    private static String fault(ByteBuffer view, int pos, long previous) {
        int remaining = view.capacity() - pos;
        if (remaining < RecordFormat.HEADER_BYTES) {
            return "record header cut short (" + remaining + " of " + RecordFormat.HEADER_BYTES + " bytes)";
        }
        if (view.getInt(pos) != RecordFormat.MAGIC) {
            return String.format("bad magic 0x%08x", view.getInt(pos));
        }
        int length = view.getInt(pos + RecordFormat.LENGTH_OFFSET);
        if (length < 1 || length > MAX_PLAUSIBLE_LENGTH) {
            return "implausible length " + length;
        }
        if (length > remaining - RecordFormat.HEADER_BYTES) {
            return "record cut short (" + remaining + " of " + RecordFormat.frameBytes(length) + " bytes)";
        }
        long sequence = view.getLong(pos + 8);
        if (sequence <= previous) {
            return "sequence " + sequence + " not above the previous " + previous;
        }
        return "checksum mismatch in record of sequence " + sequence;
    }

    /**
     * The damage from {@code pos} to the end of the file, which no valid record follows: a torn tail
     * if the record there is cut short by the end of the written bytes (the last non-zero one), else
     * corrupt.
     */
    private static JournalDamage tail(String name, ByteBuffer view, int pos, String fault) {
        int remaining = view.capacity() - pos;
        int written = writtenEnd(view, pos) - pos;
        int length = remaining < RecordFormat.HEADER_BYTES ? 0 : view.getInt(pos + RecordFormat.LENGTH_OFFSET);
        boolean cutShort = written < RecordFormat.HEADER_BYTES
                || (view.getInt(pos) == RecordFormat.MAGIC
                        && length >= 1
                        && length <= MAX_PLAUSIBLE_LENGTH
                        && length > written - RecordFormat.HEADER_BYTES);
        if (!cutShort) {
            return new JournalDamage(
                    name, pos, remaining, Kind.CORRUPT, fault + "; no valid record follows to the end of the file");
        }
        boolean byFileEnd = remaining < RecordFormat.HEADER_BYTES
                || (view.getInt(pos) == RecordFormat.MAGIC && length > remaining - RecordFormat.HEADER_BYTES);
        String where = byFileEnd
                ? " at the end of the file"
                : ", only zeros after its first " + written + " bytes: a write cut short";
        return new JournalDamage(name, pos, remaining, Kind.TORN_TAIL, fault + where);
    }

    /** Returns whether every byte from {@code from} to the end is zero. */
    private static boolean zerosFrom(ByteBuffer view, int from) {
        return writtenEnd(view, from) == from;
    }

    /** Returns the offset just past the last non-zero byte at or after {@code from}, or {@code from}. */
    private static int writtenEnd(ByteBuffer view, int from) {
        for (int p = view.capacity() - 1; p >= from; p--) {
            if (view.get(p) != 0) {
                return p + 1;
            }
        }
        return from;
    }
}
