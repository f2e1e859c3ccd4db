package org.shardkit.core.twophase;

import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;

/**
 * One atomic unit of work over the primaries of several shards, open while the work given to
 * {@code ShardedDatabase.inDistributedTransaction} runs: one open transaction per shard, committed
 * on all of them or on none. Valid only on the thread running the work, and only until it returns;
 * not thread-safe.
 */
public interface DistributedTransaction {
    /**
     * Returns the handle of this unit's transaction on the key's shard.
     *
     * @throws IllegalArgumentException if the key routes to a shard the unit was not opened on
     */
    Handle handle(ShardKey key);

    /**
     * Returns the handle of this unit's transaction on a shard.
     *
     * @throws IllegalArgumentException if the unit was not opened on that shard
     */
    Handle handle(ShardId shardId);

    /** Returns the shards this unit covers, in id order. */
    Set<ShardId> shards();

    /**
     * Returns the global transaction id, {@code shardkit:<coordinator>:<instance>:<counter>}, which
     * names the coordinator and is unique across processes; each shard's prepared transaction is
     * named {@code <global id>:<shard id>} in {@code pg_prepared_xacts} (a gid must be unique per
     * server, and shards may share one). For a unit on one shard, which commits locally without
     * two-phase commit, an id of the same form that never reaches a server.
     */
    String globalId();
}
