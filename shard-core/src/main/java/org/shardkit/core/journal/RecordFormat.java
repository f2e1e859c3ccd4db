package org.shardkit.core.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one record on disk, big-endian: magic (4 bytes), payload length (int32), sequence
 * (int64), CRC32C over length, sequence and payload (int32), payload. The one place the layout is
 * written; {@link Journal}'s Javadoc describes it for readers of the files.
 */
final class RecordFormat {
    /** The magic that starts every record: {@code SKJ1}, the 1 being the format's version. */
    static final int MAGIC = 0x534B4A31;
    /** The bytes before the payload: magic, length, sequence, checksum. */
    static final int HEADER_BYTES = 20;
    /** Offset of the length field in a frame; the checksum covers the 12 bytes from here. */
    static final int LENGTH_OFFSET = 4;
    /** Offset of the checksum field in a frame. */
    static final int CRC_OFFSET = 16;

    private final CRC32C crc = new CRC32C();
    private final byte[] lengthAndSequence = new byte[12];
    private final ByteBuffer fields = ByteBuffer.wrap(lengthAndSequence);

    /** Returns the bytes a record of this payload takes on disk. */
    static int frameBytes(int payloadLength) {
        return HEADER_BYTES + payloadLength;
    }

    /**
     * Writes one record's frame at the buffer's position. Not thread-safe: one instance per thread.
     *
     * @param buffer a buffer with at least {@link #frameBytes} bytes remaining
     * @param sequence the record's sequence
     * @param payload the payload, not empty
     */
    void put(ByteBuffer buffer, long sequence, byte[] payload) {
        fields.clear();
        fields.putInt(payload.length).putLong(sequence);
        int checksum = checksum(lengthAndSequence, 0, payload, 0, payload.length);
        buffer.putInt(MAGIC).put(lengthAndSequence).putInt(checksum).put(payload);
    }

    /**
     * Returns the CRC32C of a record's length and sequence fields followed by its payload.
     *
     * @param fields the array holding the 12 bytes of length and sequence
     * @param fieldsOffset where they start
     * @param payload the array holding the payload
     * @param payloadOffset where it starts
     * @param payloadLength its length
     * @return the checksum as stored, an int32
     */
    int checksum(byte[] fields, int fieldsOffset, byte[] payload, int payloadOffset, int payloadLength) {
        crc.reset();
        crc.update(fields, fieldsOffset, lengthAndSequence.length);
        crc.update(payload, payloadOffset, payloadLength);
        return (int) crc.getValue();
    }
}
