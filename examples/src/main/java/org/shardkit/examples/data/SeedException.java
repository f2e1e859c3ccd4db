package org.shardkit.examples.data;

import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardkitException;

/**
 * A {@link BulkSeeder} load failed: names the phase, the table and the shard, and keeps the cause
 * (with its SQLState, when the database refused). The phases before it stay loaded; tables of the
 * failed phase may be loaded on some shards and not others: load again with {@code replaceExisting}.
 */
public final class SeedException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    private final SeedPhase phase;
    private final String table;
    private final int shard;

    SeedException(SeedPhase phase, String table, int shard, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.phase = phase;
        this.table = table;
        this.shard = shard;
    }

    /** Returns the phase that failed. */
    public SeedPhase phase() {
        return phase;
    }

    /** Returns the table being written. */
    public String table() {
        return table;
    }

    /** Returns the shard (0 for a single server) being written. */
    public int shard() {
        return shard;
    }
}
