package org.shardkit.core.scatter;

/** What a scatter does when a shard fails or misses the deadline. */
public enum FailurePolicy {
    /** The first failure cancels the other shards' work and is thrown. */
    FAIL_FAST,
    /**
     * Every shard runs to completion or the deadline; the result holds what arrived and, for each
     * missing shard, its id and cause.
     */
    PARTIAL
}
