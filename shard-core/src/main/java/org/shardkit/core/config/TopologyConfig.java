package org.shardkit.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.routing.ConsistentHashRing;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.StrategyKind;
import org.shardkit.routing.Topology;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * How keys map to shards: a {@link StrategyKind} and its parameters.
 *
 * <pre>{@code
 * TopologyConfig t = TopologyConfig.builder().strategy(StrategyKind.BUCKETS).bucketCount(16_384).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TopologyConfig {
    /** Default strategy: virtual buckets spread evenly. */
    public static final StrategyKind DEFAULT_STRATEGY = StrategyKind.BUCKETS;
    /** Default bucket count: {@value}. */
    public static final int DEFAULT_BUCKET_COUNT = Topology.DEFAULT_BUCKET_COUNT;
    /** Default virtual nodes per shard on the ring: {@value}. */
    public static final int DEFAULT_VIRTUAL_NODES = ConsistentHashRing.DEFAULT_VIRTUAL_NODES;

    private static final TopologyConfig DEFAULTS = builder().build();

    private final StrategyKind strategy;
    private final int bucketCount;
    private final int virtualNodes;

    private TopologyConfig(Builder b) {
        this.strategy = b.strategy;
        this.bucketCount = b.bucketCount;
        this.virtualNodes = b.virtualNodes;
    }

    /** Returns the defaults: {@code buckets}, 4,096 buckets, 2,048 virtual nodes (the ring's default). */
    public static TopologyConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the defaults with another strategy.
     *
     * @param strategy the strategy
     * @return the settings
     */
    public static TopologyConfig of(StrategyKind strategy) {
        return builder().strategy(strategy).build();
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the strategy. */
    public StrategyKind strategy() {
        return strategy;
    }

    /** Returns the number of virtual buckets for {@link StrategyKind#BUCKETS}, a power of two. */
    public int bucketCount() {
        return bucketCount;
    }

    /** Returns the virtual nodes per shard for {@link StrategyKind#CONSISTENT_HASH}. */
    public int virtualNodes() {
        return virtualNodes;
    }

    /**
     * Returns the strategy these settings describe, over shards {@code 0..shardCount-1}.
     *
     * @param shardCount the number of shards
     * @return the strategy
     */
    public ShardStrategy newStrategy(int shardCount) {
        switch (strategy) {
            case BUCKETS:
                return Topology.of(bucketCount, shardCount);
            case CONSISTENT_HASH:
                return ConsistentHashRing.builder()
                        .virtualNodes(virtualNodes)
                        .shards(shardCount)
                        .build();
            default:
                return ShardStrategies.of(strategy, shardCount);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TopologyConfig t
                && strategy == t.strategy
                && bucketCount == t.bucketCount
                && virtualNodes == t.virtualNodes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, bucketCount, virtualNodes);
    }

    @Override
    public String toString() {
        return "TopologyConfig[strategy=" + strategy + ", bucketCount=" + bucketCount + ", virtualNodes=" + virtualNodes
                + "]";
    }

    /**
     * Builds a {@link TopologyConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private StrategyKind strategy = DEFAULT_STRATEGY;
        private int bucketCount = DEFAULT_BUCKET_COUNT;
        private int virtualNodes = DEFAULT_VIRTUAL_NODES;

        private Builder(@Nullable TopologyConfig base) {
            if (base != null) {
                strategy = base.strategy;
                bucketCount = base.bucketCount;
                virtualNodes = base.virtualNodes;
            }
        }

        /**
         * Sets the strategy.
         *
         * @param value the strategy
         * @return this builder
         */
        public Builder strategy(StrategyKind value) {
            given.once("strategy", strategy, value);
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /**
         * Sets the strategy by its name, as configuration files write it.
         *
         * @param name one of {@link StrategyKind#names()}
         * @return this builder
         * @throws IllegalArgumentException naming the value and the names allowed
         */
        public Builder strategy(String name) {
            StrategyKind kind;
            try {
                kind = StrategyKind.fromName(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(
                        "strategy", "must be one of " + StrategyKind.names(), "'" + name + "'");
            }
            return strategy(kind);
        }

        /**
         * Sets the number of virtual buckets; a power of two, at most {@link Topology#MAX_BUCKET_COUNT}.
         *
         * @param value the count
         * @return this builder
         */
        public Builder bucketCount(long value) {
            given.once("bucketCount", bucketCount, value);
            int v = Settings.intIn("bucketCount", value, 1, Topology.MAX_BUCKET_COUNT);
            if (Integer.bitCount(v) != 1) {
                throw new InvalidSettingException("bucketCount", "must be a power of two", value);
            }
            this.bucketCount = v;
            return this;
        }

        /**
         * Sets the virtual nodes per shard on the ring; at least 1, at most {@link
         * ConsistentHashRing#MAX_POINTS} in all (checked when the ring is built).
         *
         * @param value the count
         * @return this builder
         */
        public Builder virtualNodes(long value) {
            given.once("virtualNodes", virtualNodes, value);
            this.virtualNodes = Settings.intIn("virtualNodes", value, 1, ConsistentHashRing.MAX_POINTS);
            return this;
        }

        /** Builds the settings. */
        public TopologyConfig build() {
            return new TopologyConfig(this);
        }
    }
}
