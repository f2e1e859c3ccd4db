package org.shardkit.core.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.shardkit.routing.ConsistentHashRing;

/**
 * How keys map to shards.
 *
 * @param strategy {@code modulo}, {@code hash-modulo}, {@code consistent-hash}, {@code jump} or
 *     {@code buckets} (virtual buckets spread evenly, the default)
 * @param bucketCount the number of virtual buckets for {@code buckets}, a power of two; default
 *     {@value #DEFAULT_BUCKET_COUNT}
 * @param virtualNodes virtual nodes per shard for {@code consistent-hash}; default {@value
 *     #DEFAULT_VIRTUAL_NODES}
 */
public record TopologyConfig(String strategy, int bucketCount, int virtualNodes) {
    /** The strategy names accepted. */
    public static final Set<String> STRATEGIES = Set.of("modulo", "hash-modulo", "consistent-hash", "jump", "buckets");
    /** Default strategy: {@value}. */
    public static final String DEFAULT_STRATEGY = "buckets";
    /** Default bucket count: {@value}. */
    public static final int DEFAULT_BUCKET_COUNT = 4096;
    /** Default virtual nodes per shard on the ring: {@value}. */
    public static final int DEFAULT_VIRTUAL_NODES = ConsistentHashRing.DEFAULT_VIRTUAL_NODES;

    /**
     * Validates the topology settings.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public TopologyConfig {
        Objects.requireNonNull(strategy, "strategy");
        strategy = strategy.toLowerCase(Locale.ROOT);
        if (!STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException(
                    "strategy must be one of buckets, consistent-hash, hash-modulo, jump, modulo, but was '" + strategy
                            + "'");
        }
        if (bucketCount < 1 || Integer.bitCount(bucketCount) != 1) {
            throw new IllegalArgumentException("bucketCount must be a power of two, but was " + bucketCount);
        }
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be >= 1, but was " + virtualNodes);
        }
    }

    /** Returns the defaults: {@code buckets}, 4,096 buckets, 2,048 virtual nodes (the ring default, chosen for balance). */
    public static TopologyConfig defaults() {
        return new TopologyConfig(DEFAULT_STRATEGY, DEFAULT_BUCKET_COUNT, DEFAULT_VIRTUAL_NODES);
    }

    /**
     * Returns the defaults with another strategy.
     *
     * @param strategy the strategy's name
     * @return the settings
     */
    public static TopologyConfig of(String strategy) {
        return new TopologyConfig(strategy, DEFAULT_BUCKET_COUNT, DEFAULT_VIRTUAL_NODES);
    }
}
