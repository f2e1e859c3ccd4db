package org.shardkit.core.scatter;

import java.time.Duration;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * A shard did not finish its part of a scatter before the deadline; its statement was cancelled.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardTimeoutException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId shardId;
    private final Duration deadline;

    /**
     * Creates the exception.
     *
     * @param shardId the shard
     * @param shardName its name
     * @param deadline the scatter's deadline
     */
    public ShardTimeoutException(ShardId shardId, String shardName, Duration deadline) {
        super(shardId + " (" + shardName + ") did not answer within the scatter deadline of " + deadline.toMillis()
                + " ms; its statement was cancelled");
        this.shardId = shardId;
        this.deadline = deadline;
    }

    /** Returns the shard that missed the deadline. */
    public ShardId shardId() {
        return shardId;
    }

    /** Returns the deadline it missed. */
    public Duration deadline() {
        return deadline;
    }
}
