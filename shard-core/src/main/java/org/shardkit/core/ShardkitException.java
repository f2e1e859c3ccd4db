package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception shardkit throws on purpose. Subclasses carry structured getters
 * (the shard, the limit) so callers need not parse messages; {@link #shardId()} names the shard
 * of any failure that concerns one.
 *
 * <p>Immutable and thread-safe.
 */
public class ShardkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final @Nullable ShardId shardId;

    /**
     * Creates an exception.
     *
     * @param message what failed, where, the numbers and the limit
     */
    public ShardkitException(String message) {
        this(null, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what failed, where, the numbers and the limit
     * @param cause the underlying failure, kept for its stack trace and SQLState
     */
    public ShardkitException(String message, @Nullable Throwable cause) {
        this(null, message, cause);
    }

    /**
     * Creates an exception about one shard, e.g. a scatter part whose own function failed.
     *
     * @param shardId the shard the failure concerns, or null if none
     * @param message what failed, where, the numbers and the limit; it should name the shard
     * @param cause the underlying failure, or null
     */
    public ShardkitException(@Nullable ShardId shardId, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.shardId = shardId;
    }

    /**
     * Returns the shard this failure concerns, or null when it concerns none (or several: see
     * {@link org.shardkit.core.scatter.PartialResultException#missing()}).
     *
     * @return the shard, or null
     */
    public @Nullable ShardId shardId() {
        return shardId;
    }
}
