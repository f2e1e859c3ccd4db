package org.shardkit.core.writequeue;

/**
 * Turns a write into the bytes of its journal record and back. A record written by one version of an
 * application is read by the next one after a crash: keep the format readable across versions (a
 * leading version byte is a good start).
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <T> the write type
 */
public interface JournalCodec<T> {
    /**
     * Returns a write's bytes, not empty.
     *
     * @throws IllegalArgumentException if the write cannot be encoded
     */
    byte[] encode(T write);

    /**
     * Returns the write a record holds.
     *
     * @throws IllegalArgumentException if the bytes are not a record this codec wrote; the queue then
     *     sets the record aside in the journal directory's {@code quarantine} folder and reports it
     */
    T decode(byte[] bytes);
}
