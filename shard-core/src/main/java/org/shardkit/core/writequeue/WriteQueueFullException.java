package org.shardkit.core.writequeue;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardkitException;

/**
 * A write was refused because the queue was full: it held its capacity of accepted writes, or its
 * journal its bound of bytes, for as long as the policy let the writer wait. Nothing was written and
 * nothing was dropped: the caller decides (retry later, shed load, write synchronously). The message
 * names the queue, the limit, the depth and the wait, e.g. {@code write queue 'interactions' full:
 * 10000 of 10000 writes wait to commit (policy BLOCK, waited 5000 ms)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WriteQueueFullException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final String queue;
    private final int depth;
    private final Duration waited;

    WriteQueueFullException(
            String queue, String what, int depth, Duration waited, String policy, @Nullable Throwable cause) {
        super(
                "write queue '" + queue + "' full: " + what + " (policy " + policy + ", waited " + waited.toMillis()
                        + " ms)",
                cause);
        this.queue = queue;
        this.depth = depth;
        this.waited = waited;
    }

    /** Returns the queue's name. */
    public String queue() {
        return queue;
    }

    /** Returns the writes the queue held when it refused this one. */
    public int depth() {
        return depth;
    }

    /** Returns how long the writer waited for room. */
    public Duration waited() {
        return waited;
    }
}
