package org.shardkit.core.journal;

import java.util.Objects;

/**
 * A region of a segment file that recovery skipped because it holds no valid record. Logged at
 * WARN when the journal opens, once per region.
 *
 * <p>Immutable and thread-safe.
 *
 * @param segment the segment file's name, e.g. {@code journal-00000000000000000001.seg}
 * @param offset the region's first byte in the file
 * @param bytesSkipped the region's length
 * @param kind whether the file ends in a record cut short, or holds bytes that are not a record
 * @param message what was found, for people
 */
public record JournalDamage(String segment, long offset, long bytesSkipped, Kind kind, String message) {
    /** What kind of damage a region is. */
    public enum Kind {
        /**
         * The file's last record is cut short (fewer bytes than its header, or than its header says)
         * by the end of the file or by the zeros after the last byte written: the last write of a
         * process or machine that crashed. Its record was never acknowledged, since acknowledgement
         * waits for the force.
         */
        TORN_TAIL,
        /**
         * Bytes that are not a valid record (bad magic, implausible length, or checksum mismatch)
         * where a record should be: damage to data that was once forced, or a foreign write. Records
         * after it are still recovered.
         */
        CORRUPT
    }

    /** Checks the fields. */
    public JournalDamage {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (offset < 0 || bytesSkipped <= 0) {
            throw new IllegalArgumentException(
                    "damage needs offset >= 0 and bytesSkipped > 0, but was " + offset + " and " + bytesSkipped);
        }
    }
}
