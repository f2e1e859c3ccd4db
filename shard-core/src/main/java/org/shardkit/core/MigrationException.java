package org.shardkit.core;

/**
 * A schema migration failed on a shard.
 *
 * <p>Immutable and thread-safe.
 */
public final class MigrationException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId shardId;

    /**
     * Creates the exception.
     *
     * @param shardId the shard whose migration failed
     * @param shardName its name
     * @param cause Flyway's exception
     */
    public MigrationException(ShardId shardId, String shardName, Throwable cause) {
        super(shardId, "migration failed on " + shardId + " (" + shardName + "): " + cause.getMessage(), cause);
        this.shardId = shardId;
    }

    /** Returns the shard whose migration failed. */
    @Override
    public ShardId shardId() {
        return shardId;
    }
}
