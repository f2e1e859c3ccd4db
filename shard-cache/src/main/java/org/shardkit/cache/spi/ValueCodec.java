package org.shardkit.cache.spi;

import java.util.Arrays;

/**
 * Turns cached values into the bytes stored in Redis and back. The default is JSON through Jackson
 * ({@code org.shardkit.cache.JsonCodec}); implement this for another format (Protobuf, Kryo, a
 * hand-written layout).
 *
 * <p>Contract: {@code decode(encode(v))} equals {@code v}; {@code encode} never returns null and is
 * deterministic enough that equal values encode to the same length. Null values never reach a
 * codec (absent results are stored as a sentinel by the cache). A codec that throws fails only the
 * caching of that value: the cache logs it, counts it, and the caller still gets the loaded value
 * (on {@code encode}) or a fresh load (on {@code decode}).
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

    /**
     * Encodes a value.
     *
     * @param value the value, never null
     * @return its bytes, never null
     */
    byte[] encode(V value);

    /**
     * Decodes bytes written by {@link #encode(Object)}.
     *
     * @param bytes the bytes
     * @return the value, never null
     */
    V decode(byte[] bytes);

    /**
     * Decodes {@code length} bytes of {@code bytes} from {@code offset}, written by {@link
     * #encode(Object)}. The cache calls this one (its stored form has a header byte); the default
     * copies the range and calls {@link #decode(byte[])}, codecs that can read a range override it.
     *
     * @param bytes the buffer
     * @param offset where the encoded value starts
     * @param length how many bytes it has
     * @return the value, never null
     */
    default V decode(byte[] bytes, int offset, int length) {
        return decode(Arrays.copyOfRange(bytes, offset, offset + length));
    }
}
