package org.shardkit.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard at run time: its id and name, its primary pool, its replicas and the guard its calls
 * pass. Thread-safe.
 */
final class Shard implements AutoCloseable {
    private final ShardId id;
    private final String name;
    private final ShardPool primary;
    private final ReplicaSet replicas;
    private final ShardGuard guard;

    Shard(ShardId id, String name, ShardPool primary, ReplicaSet replicas, ShardGuard guard) {
        this.id = id;
        this.name = name;
        this.primary = primary;
        this.replicas = replicas;
        this.guard = guard;
    }

    ShardId id() {
        return id;
    }

    String name() {
        return name;
    }

    ShardPool primary() {
        return primary;
    }

    ReplicaSet replicas() {
        return replicas;
    }

    ShardGuard guard() {
        return guard;
    }

    /** Returns every pool of the shard, primary first. */
    List<ShardPool> pools() {
        List<ShardPool> all = new ArrayList<>(1 + replicas.size());
        all.add(primary);
        all.addAll(replicas.pools());
        return all;
    }

    @Override
    public void close() {
        pools().forEach(ShardPool::close);
    }

    /** Returns {@code shard 3 (social_3)}: how every message names a shard. */
    @Override
    public String toString() {
        return id + " (" + name + ")";
    }
}
