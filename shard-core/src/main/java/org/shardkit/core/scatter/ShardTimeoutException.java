package org.shardkit.core.scatter;

import java.time.Duration;
import java.util.Objects;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * A shard did not finish its part of a scatter before the deadline. The message says how far the
 * part had got: still queued for a scatter thread, still waiting for a connection (nothing ran on
 * the shard), or running, in which case its statement was cancelled ({@link #statementCancelled()}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardTimeoutException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    /** What happened to a part still queued for a scatter thread. */
    public static final String QUEUED = "it was still queued for a scatter thread; nothing ran on the shard";
    /** What happened to a part still waiting for a connection or a place under the shard's limit. */
    public static final String CONNECTING =
            "it never got a connection (its pool or concurrency limit stayed full); no statement ran";
    /** What happened to a part that held a connection. */
    public static final String CANCELLED =
            "it held a connection; its statement was cancelled, or refused, at the deadline";

    private final ShardId shardId;
    private final Duration deadline;
    private final boolean statementCancelled;

    /**
     * Creates the exception.
     *
     * @param shardId the shard
     * @param shardName its name
     * @param deadline the scatter's deadline
     * @param happened what happened: {@link #QUEUED}, {@link #CONNECTING} or {@link #CANCELLED}
     */
    public ShardTimeoutException(ShardId shardId, String shardName, Duration deadline, String happened) {
        super(
                shardId,
                shardId + " (" + shardName + ") did not answer within the scatter deadline of " + deadline.toMillis()
                        + " ms: " + Objects.requireNonNull(happened, "happened"),
                null);
        this.shardId = shardId;
        this.deadline = deadline;
        this.statementCancelled = CANCELLED.equals(happened);
    }

    /** Returns the shard that missed the deadline. */
    @Override
    public ShardId shardId() {
        return shardId;
    }

    /** Returns the deadline it missed. */
    public Duration deadline() {
        return deadline;
    }

    /** Tells whether the part held a connection, so a statement it was running was cancelled. */
    public boolean statementCancelled() {
        return statementCancelled;
    }
}
