package org.shardkit.routing;

import java.nio.charset.StandardCharsets;
import org.shardkit.routing.internal.XxHash64;

/**
 * The one stable hash that turns text and byte keys into {@code long} shard keys, and the one 64-bit mix that the
 * hashing strategies apply to {@code long} keys.
 *
 * <p><b>This choice is fixed forever.</b> Data is placed by these functions; changing either would move rows between
 * shards. Golden vectors in the test suite fail if they ever change.
 *
 * <ul>
 *   <li>{@link #hash(byte[])} is <b>XXH64 with seed 0</b> (xxHash 0.8 reference), over the bytes as given. It is fast,
 *       well distributed, specified independently of any JVM, and has published test vectors.
 *   <li>{@link #hash(String)} is XXH64 with seed 0 over the <b>UTF-8</b> encoding of the string, so
 *       {@code hash("abc") == hash("abc".getBytes(UTF_8))}.
 *   <li>{@link #mix(long)} is the <b>SplitMix64</b> output function (Steele, Lea and Flood; the constants of
 *       {@code java.util.SplittableRandom}): {@code z = key + 0x9E3779B97F4A7C15; z = (z ^ (z >>> 30)) *
 *       0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; return z ^ (z >>> 31)}. It is a bijection on
 *       {@code long}, so distinct keys never collide, and it spreads sequential and snowflake IDs over all 64 bits.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyHash {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private KeyHash() {}

    /**
     * Returns the stable 64-bit hash (XXH64, seed 0) of a text key's UTF-8 bytes.
     *
     * @param key the key
     * @return the 64-bit hash
     * @throws IllegalArgumentException if {@code key} is null
     */
    public static long hash(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null, but was null");
        }
        return XxHash64.hash(key.getBytes(StandardCharsets.UTF_8), 0L);
    }

    /**
     * Returns the stable 64-bit hash (XXH64, seed 0) of a byte key.
     *
     * @param key the key; not modified
     * @return the 64-bit hash
     * @throws IllegalArgumentException if {@code key} is null
     */
    public static long hash(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null, but was null");
        }
        return XxHash64.hash(key, 0L);
    }

    /**
     * Returns the SplitMix64 mix of a {@code long} key: a bijection that spreads every input bit over the output.
     *
     * @param key any key
     * @return the mixed value
     */
    public static long mix(long key) {
        long z = key + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
