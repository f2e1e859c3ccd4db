package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception shardkit throws on purpose. Subclasses carry structured getters
 * (the shard, the limit) so callers need not parse messages.
 *
 * <p>Immutable and thread-safe.
 */
public class ShardkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, where, the numbers and the limit
     */
    public ShardkitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what failed, where, the numbers and the limit
     * @param cause the underlying failure, kept for its stack trace and SQLState
     */
    public ShardkitException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
