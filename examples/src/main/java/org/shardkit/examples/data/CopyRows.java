package org.shardkit.examples.data;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, appended to a growing byte array: per row a
 * field count, per field its length (-1 for NULL) and its bytes in network order. Binary rather
 * than text so that the servers parse no numbers or timestamps: a timestamptz is 8 bytes of
 * microseconds since 2000-01-01. Each value's type must be the column's exactly. Not thread-safe:
 * one per writer.
 */
final class CopyRows {
    /** The stream's header: signature, flags, header extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    /** The stream's trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in microseconds since 1970. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private static final int INT4_OID = 23;

    private byte[] bytes;
    private int size;
    private int rows;

    CopyRows(int capacity) {
        this.bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    int rows() {
        return rows;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Starts a row of {@code fields} values. */
    void row(int fields) {
        ensure(2);
        putShort(fields);
        rows++;
    }

    void int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
    }

    void int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
    }

    void bool(boolean v) {
        ensure(5);
        putInt(1);
        bytes[size++] = (byte) (v ? 1 : 0);
    }

    void nul() {
        ensure(4);
        putInt(-1);
    }

    /** A timestamptz from microseconds since 1970-01-01T00:00:00Z. */
    void timestamp(long unixMicros) {
        int8(unixMicros - PG_EPOCH_MICROS);
    }

    /** A text value already in UTF-8. */
    void text(byte[] utf8) {
        ensure(4 + utf8.length);
        putInt(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    /** A text value, copied without an intermediate array when it is ASCII. */
    void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                text(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ensure(4 + n);
        putInt(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** An integer[] of one dimension (or none, when empty), without NULLs. */
    void int4Array(int[] values) {
        if (values.length == 0) {
            ensure(16);
            putInt(12);
            putInt(0);
            putInt(0);
            putInt(INT4_OID);
            return;
        }
        int length = 20 + 8 * values.length;
        ensure(4 + length);
        putInt(length);
        putInt(1);
        putInt(0);
        putInt(INT4_OID);
        putInt(values.length);
        putInt(1);
        for (int v : values) {
            putInt(4);
            putInt(v);
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void putShort(int v) {
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putInt(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
