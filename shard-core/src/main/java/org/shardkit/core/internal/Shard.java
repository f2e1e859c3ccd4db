package org.shardkit.core.internal;

import java.util.List;
import org.shardkit.core.ShardId;

/**
 * A shard's runtime: its id and name, its primary pool and its replicas. Thread-safe.
 *
 * @param id the shard id
 * @param name its configured name
 * @param primary the primary's pool
 * @param replicas the replicas
 */
public record Shard(ShardId id, String name, ShardPool primary, ReplicaSet replicas) implements AutoCloseable {

    /** Returns every pool of the shard, primary first. */
    public List<ShardPool> pools() {
        List<ShardPool> all = new java.util.ArrayList<>();
        all.add(primary);
        all.addAll(replicas.pools());
        return all;
    }

    @Override
    public void close() {
        pools().forEach(ShardPool::close);
    }

    @Override
    public String toString() {
        return id + " (" + name + ")";
    }
}
