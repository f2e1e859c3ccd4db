package org.shardkit.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Concurrency limits (bulkheads): how many calls may be in flight on one shard, and over all.
 *
 * <p>Immutable and thread-safe.
 */
public final class LimitsConfig {
    /** Largest {@code maxConcurrentPerShard}: {@value}. */
    public static final int MAX_PER_SHARD = 100_000;
    /** Largest {@code maxConcurrent}: {@value}. */
    public static final int MAX_OVERALL = 1_000_000;

    private static final LimitsConfig DEFAULTS = builder().build();

    private final int maxConcurrentPerShard;
    private final int maxConcurrent;

    private LimitsConfig(Builder b) {
        this.maxConcurrentPerShard = b.maxConcurrentPerShard;
        this.maxConcurrent = b.maxConcurrent;
    }

    /** Returns the defaults: each shard limited by its connections, no overall limit. */
    public static LimitsConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the most calls in flight on one shard at once; 0 means the shard's connections: its
     * pool size times (1 + its replica count), since each replica has a pool of that size too.
     */
    public int maxConcurrentPerShard() {
        return maxConcurrentPerShard;
    }

    /** Returns the most calls in flight over all shards at once; 0 means unlimited. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Returns the limit that applies to one shard: {@link #maxConcurrentPerShard()}, or when it is 0
     * the shard's connections, {@code pool.maximumSize × (1 + replicas)}.
     *
     * @param shard the shard
     * @return its limit, at least 1
     */
    public int perShardLimit(ShardConfig shard) {
        return maxConcurrentPerShard != 0
                ? maxConcurrentPerShard
                : shard.pool().maximumSize() * (1 + shard.replicas().size());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LimitsConfig l
                && maxConcurrentPerShard == l.maxConcurrentPerShard
                && maxConcurrent == l.maxConcurrent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConcurrentPerShard, maxConcurrent);
    }

    @Override
    public String toString() {
        return "LimitsConfig[maxConcurrentPerShard=" + maxConcurrentPerShard + ", maxConcurrent=" + maxConcurrent + "]";
    }

    /**
     * Builds a {@link LimitsConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private int maxConcurrentPerShard;
        private int maxConcurrent;

        private Builder(@Nullable LimitsConfig base) {
            if (base != null) {
                maxConcurrentPerShard = base.maxConcurrentPerShard;
                maxConcurrent = base.maxConcurrent;
            }
        }

        /**
         * Sets the most calls in flight on one shard; 0 (the shard's connections) to {@value
         * #MAX_PER_SHARD}.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder maxConcurrentPerShard(long value) {
            given.once("maxConcurrentPerShard", maxConcurrentPerShard, value);
            this.maxConcurrentPerShard = Settings.intIn("maxConcurrentPerShard", value, 0, MAX_PER_SHARD);
            return this;
        }

        /**
         * Sets the most calls in flight over all shards; 0 (unlimited) to {@value #MAX_OVERALL}.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder maxConcurrent(long value) {
            given.once("maxConcurrent", maxConcurrent, value);
            this.maxConcurrent = Settings.intIn("maxConcurrent", value, 0, MAX_OVERALL);
            return this;
        }

        /** Builds the limits. */
        public LimitsConfig build() {
            return new LimitsConfig(this);
        }
    }
}
