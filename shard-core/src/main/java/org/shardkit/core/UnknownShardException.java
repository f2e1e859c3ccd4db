package org.shardkit.core;

/**
 * A shard id that this database does not have.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnknownShardException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId shardId;
    private final int shardCount;

    /**
     * Creates the exception.
     *
     * @param shardId the unknown id
     * @param shardCount how many shards there are (ids {@code 0..shardCount-1})
     */
    public UnknownShardException(ShardId shardId, int shardCount) {
        super(shardId, "unknown " + shardId + ": this database has shards 0.." + (shardCount - 1), null);
        this.shardId = shardId;
        this.shardCount = shardCount;
    }

    /** Returns the id that was asked for. */
    @Override
    public ShardId shardId() {
        return shardId;
    }

    /** Returns how many shards there are. */
    public int shardCount() {
        return shardCount;
    }
}
