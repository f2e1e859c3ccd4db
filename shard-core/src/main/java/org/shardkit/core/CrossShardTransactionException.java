package org.shardkit.core;

/**
 * Code inside a transaction pinned to one shard tried to use another shard. A transaction covers
 * one shard; cross-shard writes need two-phase commit or a saga. {@link #shardId()} is the shard
 * that was asked for.
 *
 * <p>Immutable and thread-safe.
 */
public final class CrossShardTransactionException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId transactionShard;
    private final ShardId requestedShard;

    /**
     * Creates the exception.
     *
     * @param transactionShard the shard the open transaction is pinned to
     * @param requestedShard the shard the code asked for
     */
    public CrossShardTransactionException(ShardId transactionShard, ShardId requestedShard) {
        super(
                requestedShard,
                "a transaction pinned to " + transactionShard + " cannot use " + requestedShard
                        + "; a transaction covers one shard",
                null);
        this.transactionShard = transactionShard;
        this.requestedShard = requestedShard;
    }

    /** Returns the shard the transaction is pinned to. */
    public ShardId transactionShard() {
        return transactionShard;
    }

    /** Returns the shard that was asked for. */
    public ShardId requestedShard() {
        return requestedShard;
    }
}
