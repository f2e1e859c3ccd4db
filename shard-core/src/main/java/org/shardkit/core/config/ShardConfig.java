package org.shardkit.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One shard: its primary, its read replicas and its pool settings.
 *
 * @param id the shard's id, {@code 0..n-1}; the routing strategy returns it
 * @param name a readable name used in logs, metrics and pool names, e.g. {@code social_3}
 * @param primary the primary server
 * @param replicas read replicas, possibly none
 * @param pool the effective pool settings for this shard's pools
 */
public record ShardConfig(int id, String name, EndpointConfig primary, List<ReplicaConfig> replicas, PoolConfig pool) {

    /**
     * Validates the shard.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public ShardConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(pool, "pool");
        replicas = List.copyOf(replicas);
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0, but was " + id);
        }
        if (!name.matches("[A-Za-z0-9_.-]{1,63}")) {
            throw new IllegalArgumentException("name must match [A-Za-z0-9_.-]{1,63}, but was '" + name + "'");
        }
    }

    /**
     * Returns a shard without replicas and with default pool settings.
     *
     * @param id the id
     * @param name the name
     * @param primary the primary
     * @return the shard
     */
    public static ShardConfig of(int id, String name, EndpointConfig primary) {
        return new ShardConfig(id, name, primary, List.of(), PoolConfig.defaults());
    }

    /**
     * Returns a copy with replicas.
     *
     * @param newReplicas the replicas
     * @return the copy
     */
    public ShardConfig withReplicas(List<ReplicaConfig> newReplicas) {
        return new ShardConfig(id, name, primary, newReplicas, pool);
    }

    /**
     * Returns a copy with other pool settings.
     *
     * @param newPool the settings
     * @return the copy
     */
    public ShardConfig withPool(PoolConfig newPool) {
        return new ShardConfig(id, name, primary, replicas, newPool);
    }
}
