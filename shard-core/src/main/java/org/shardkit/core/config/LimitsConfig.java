package org.shardkit.core.config;

/**
 * Concurrency limits (bulkheads).
 *
 * @param maxConcurrentPerShard most operations in flight on one shard at once; 0 means the
 *     shard's pool size
 * @param maxConcurrent most operations in flight over all shards at once; 0 means unlimited
 */
public record LimitsConfig(int maxConcurrentPerShard, int maxConcurrent) {

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is negative
     */
    public LimitsConfig {
        if (maxConcurrentPerShard < 0) {
            throw new IllegalArgumentException("maxConcurrentPerShard must be >= 0, but was " + maxConcurrentPerShard);
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0, but was " + maxConcurrent);
        }
    }

    /** Returns the defaults: per-shard limit = pool size, no overall limit. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(0, 0);
    }
}
