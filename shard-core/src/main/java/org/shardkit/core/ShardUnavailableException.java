package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/**
 * A shard could not be reached: no connection within the pool's timeout, or the server refused
 * it. The message has HikariCP's shape: {@code shard 3 (social_3) unavailable: connection not
 * available after 1000 ms (active=8, idle=0, waiting=12)}.
 *
 * <p>Immutable and thread-safe.
 */
public class ShardUnavailableException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId shardId;
    private final String shardName;
    private final String poolState;

    /**
     * Creates the exception.
     *
     * @param shardId the shard
     * @param shardName its name
     * @param reason what happened, e.g. {@code connection not available after 1000 ms}
     * @param poolState the pool's state, e.g. {@code active=8, idle=0, waiting=12}
     * @param cause the driver's or pool's exception
     */
    public ShardUnavailableException(
            ShardId shardId, String shardName, String reason, String poolState, @Nullable Throwable cause) {
        super(shardId, shardId + " (" + shardName + ") unavailable: " + reason + " (" + poolState + ")", cause);
        this.shardId = shardId;
        this.shardName = shardName;
        this.poolState = poolState;
    }

    /** Returns the shard that could not be reached. */
    @Override
    public ShardId shardId() {
        return shardId;
    }

    /** Returns the shard's configured name. */
    public String shardName() {
        return shardName;
    }

    /** Returns the pool's state when it failed, e.g. {@code active=8, idle=0, waiting=12}. */
    public String poolState() {
        return poolState;
    }
}
