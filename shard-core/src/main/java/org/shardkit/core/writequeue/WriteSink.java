package org.shardkit.core.writequeue;

import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link WriteQueue} hands its writes: usually one or more {@link
 * org.shardkit.core.batch.BatchWriter}s. The sink must be idempotent per write, since a write replayed
 * from the journal after a crash may have been committed before it.
 *
 * <p>Implementations must be thread-safe and must not block in {@link #write}.
 *
 * @param <T> the write type
 */
public interface WriteSink<T> {
    /**
     * Starts writing.
     *
     * @param write the write
     * @return completes when the write committed; fails with why it did not, e.g. {@link
     *     org.shardkit.core.batch.BatchWriteException} (see {@link
     *     org.shardkit.core.batch.BatchWriteException#mayPass})
     */
    CompletableFuture<?> write(T write);

    /** Asks the sink to write what it holds now rather than when its batches are due; called when the queue closes. */
    default void flush() {}
}
