package org.shardkit.core.writequeue;

import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * A {@link Ack#COMMITTED} write was not committed within its sink's retry budget (its shard stayed
 * unreachable, for instance), but it is in the queue's journal and the queue goes on trying it every
 * {@code retryInterval} until it commits, or the queue closes (then the next queue over the journal
 * does). Do not submit it again: that would write it twice. The cause (usually a {@link
 * org.shardkit.core.batch.BatchWriteException}) names the shard and the row count; so does {@link
 * #shardId()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WriteNotCommittedException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    WriteNotCommittedException(String queue, long retryIntervalMillis, Throwable cause) {
        super(
                shardOf(cause),
                "write queue '" + queue + "': the write is not committed yet; it is journaled and tried again every "
                        + retryIntervalMillis + " ms until it commits (do not submit it again): " + cause.getMessage(),
                cause);
    }

    private static @Nullable ShardId shardOf(Throwable cause) {
        return cause instanceof ShardkitException s ? s.shardId() : null;
    }
}
