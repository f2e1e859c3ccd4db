package org.shardkit.idgen;

import java.time.Instant;

/**
 * The bit layout of a 64-bit ID: a zero sign bit, then milliseconds since {@link #epoch()}, then
 * the worker id, then the per-millisecond sequence.
 *
 * <pre>
 *  63 | 62 ............ 22 | 21 ...... 12 | 11 ...... 0     (default layout)
 *   0 | ms since epoch (41)| worker (10)  | sequence (12)
 * </pre>
 *
 * <p>The default layout ({@link #ofDefaults()}) gives 2^41 ms (about 69.7 years) after the epoch,
 * 1,024 workers and 4,096 IDs per millisecond per worker. Immutable and thread-safe.
 *
 * @param timestampBits bits of milliseconds since the epoch, at least 1
 * @param workerBits bits of worker id, at least 0
 * @param sequenceBits bits of sequence within one millisecond, at least 1
 * @param epoch the instant that timestamp 0 stands for; choose one shortly before first use and never
 *     change it afterwards, or IDs will collide with old ones
 */
public record IdLayout(int timestampBits, int workerBits, int sequenceBits, Instant epoch) {

    /** Bits available for timestamp, worker and sequence: 64 minus the sign bit. */
    public static final int PAYLOAD_BITS = 63;

    /** Default bits of milliseconds since the epoch: 41 (about 69.7 years). */
    public static final int DEFAULT_TIMESTAMP_BITS = 41;

    /** Default bits of worker id: 10 (workers 0 to 1,023). */
    public static final int DEFAULT_WORKER_BITS = 10;

    /** Default bits of sequence: 12 (4,096 IDs per millisecond per worker). */
    public static final int DEFAULT_SEQUENCE_BITS = 12;

    /** Default epoch: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /**
     * Validates the layout.
     *
     * @throws IllegalArgumentException if a bit count is out of range or the three do not add up to
     *     63, naming the values
     */
    public IdLayout {
        if (epoch == null) {
            throw new IllegalArgumentException("epoch must not be null");
        }
        if (timestampBits < 1) {
            throw new IllegalArgumentException("timestampBits must be at least 1, but was " + timestampBits);
        }
        if (workerBits < 0) {
            throw new IllegalArgumentException("workerBits must be at least 0, but was " + workerBits);
        }
        if (sequenceBits < 1) {
            throw new IllegalArgumentException("sequenceBits must be at least 1, but was " + sequenceBits);
        }
        long sum = (long) timestampBits + workerBits + sequenceBits;
        if (sum != PAYLOAD_BITS) {
            throw new IllegalArgumentException("timestampBits + workerBits + sequenceBits must be " + PAYLOAD_BITS
                    + ", but was " + timestampBits + " + " + workerBits + " + " + sequenceBits + " = " + sum);
        }
    }

    /**
     * Returns the default layout: 41 timestamp bits, 10 worker bits, 12 sequence bits, epoch {@link
     * #DEFAULT_EPOCH}.
     *
     * @return the default layout
     */
    public static IdLayout ofDefaults() {
        return new IdLayout(DEFAULT_TIMESTAMP_BITS, DEFAULT_WORKER_BITS, DEFAULT_SEQUENCE_BITS, DEFAULT_EPOCH);
    }

    /**
     * Returns a layout with the given bit counts and epoch.
     *
     * @param timestampBits bits of milliseconds since the epoch
     * @param workerBits bits of worker id
     * @param sequenceBits bits of sequence
     * @param epoch the instant of timestamp 0
     * @return the layout
     * @throws IllegalArgumentException if the bit counts are invalid
     */
    public static IdLayout of(int timestampBits, int workerBits, int sequenceBits, Instant epoch) {
        return new IdLayout(timestampBits, workerBits, sequenceBits, epoch);
    }

    /**
     * Returns a copy of this layout with another epoch.
     *
     * @param newEpoch the instant of timestamp 0
     * @return the new layout
     */
    public IdLayout withEpoch(Instant newEpoch) {
        return new IdLayout(timestampBits, workerBits, sequenceBits, newEpoch);
    }

    /**
     * Returns the largest worker id, {@code 2^workerBits - 1}.
     *
     * @return the largest worker id
     */
    public long maxWorkerId() {
        return (1L << workerBits) - 1;
    }

    /**
     * Returns the largest sequence number, {@code 2^sequenceBits - 1}.
     *
     * @return the largest sequence
     */
    public long maxSequence() {
        return (1L << sequenceBits) - 1;
    }

    /**
     * Returns the largest number of milliseconds after the epoch that fits, {@code 2^timestampBits -
     * 1}.
     *
     * @return the largest timestamp offset in milliseconds
     */
    public long maxTimestampOffsetMillis() {
        return (1L << timestampBits) - 1;
    }

    /**
     * Returns the epoch in milliseconds since 1970-01-01T00:00:00Z.
     *
     * @return the epoch in Unix milliseconds
     */
    public long epochMillis() {
        return epoch.toEpochMilli();
    }

    /**
     * Checks a worker id against this layout.
     *
     * @param workerId the worker id
     * @return the worker id
     * @throws IllegalArgumentException if the worker id is not in {@code [0, maxWorkerId()]}
     */
    public long checkWorkerId(long workerId) {
        if (workerId < 0 || workerId > maxWorkerId()) {
            throw new IllegalArgumentException("workerId must be in [0, " + maxWorkerId() + "] for " + workerBits
                    + " worker bits, but was " + workerId);
        }
        return workerId;
    }

    /**
     * Composes an ID from its parts.
     *
     * @param timestampOffsetMillis milliseconds since the epoch, in {@code [0,
     *     maxTimestampOffsetMillis()]}
     * @param workerId the worker id, in {@code [0, maxWorkerId()]}
     * @param sequence the sequence, in {@code [0, maxSequence()]}
     * @return the ID
     * @throws IllegalArgumentException if a part is out of range
     */
    public long compose(long timestampOffsetMillis, long workerId, long sequence) {
        if (timestampOffsetMillis < 0 || timestampOffsetMillis > maxTimestampOffsetMillis()) {
            throw new IllegalArgumentException("timestampOffsetMillis must be in [0, " + maxTimestampOffsetMillis()
                    + "], but was " + timestampOffsetMillis);
        }
        checkWorkerId(workerId);
        if (sequence < 0 || sequence > maxSequence()) {
            throw new IllegalArgumentException("sequence must be in [0, " + maxSequence() + "], but was " + sequence);
        }
        return (timestampOffsetMillis << (workerBits + sequenceBits)) | (workerId << sequenceBits) | sequence;
    }

    /**
     * Decodes an ID made with this layout into its timestamp, worker id and sequence.
     *
     * @param id the ID
     * @return the parts
     * @throws IllegalArgumentException if the ID is negative
     */
    public IdParts decode(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative (sign bit set), but was " + id);
        }
        long sequence = id & maxSequence();
        long workerId = (id >>> sequenceBits) & maxWorkerId();
        long offset = id >>> (workerBits + sequenceBits);
        return new IdParts(Instant.ofEpochMilli(epochMillis() + offset), workerId, sequence);
    }
}
