package org.shardkit.core.scatter;

import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardId;

/**
 * The work a scatter runs on each shard.
 *
 * @param <R> the per-shard result
 */
@FunctionalInterface
public interface ShardFunction<R> {
    /**
     * Runs on one shard.
     *
     * @param shard the shard
     * @param handle a handle on that shard (closed by shardkit afterwards)
     * @return the shard's result
     * @throws Exception anything; it becomes that shard's failure
     */
    R apply(ShardId shard, Handle handle) throws Exception;
}
