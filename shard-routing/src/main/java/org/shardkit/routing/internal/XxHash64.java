package org.shardkit.routing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * XXH64, the 64-bit xxHash of Yann Collet, as specified by the reference implementation (xxHash 0.8, {@code XXH64}).
 *
 * <p>Bytes are read little-endian whatever the platform, so the result is the same on every JVM. Verified against the
 * reference's own sanity vectors ({@code xxhsum.c}) in {@code XxHash64Test}.
 *
 * <p>Stateless and thread-safe.
 */
public final class XxHash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private XxHash64() {}

    /**
     * Returns the XXH64 hash of a whole array.
     *
     * @param input the bytes to hash
     * @param seed the seed; shardkit always uses 0
     * @return the 64-bit hash
     */
    public static long hash(byte[] input, long seed) {
        return hash(input, 0, input.length, seed);
    }

    /**
     * Returns the XXH64 hash of {@code length} bytes of {@code input} starting at {@code offset}.
     *
     * @param input the bytes to hash
     * @param offset index of the first byte
     * @param length number of bytes
     * @param seed the seed; shardkit always uses 0
     * @return the 64-bit hash
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public static long hash(byte[] input, int offset, int length, long seed) {
        Objects.checkFromIndexSize(offset, length, input.length);
        int p = offset;
        int end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - 32;
            do {
                v1 = round(v1, (long) LONG_LE.get(input, p));
                v2 = round(v2, (long) LONG_LE.get(input, p + 8));
                v3 = round(v3, (long) LONG_LE.get(input, p + 16));
                v4 = round(v4, (long) LONG_LE.get(input, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        while (p + 8 <= end) {
            h ^= round(0, (long) LONG_LE.get(input, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= end) {
            h ^= (((int) INT_LE.get(input, p)) & 0xFFFF_FFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end) {
            h ^= (input[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long acc, long value) {
        acc ^= round(0, value);
        return acc * P1 + P4;
    }
}
