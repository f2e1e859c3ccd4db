package org.shardkit.core;

/**
 * The names of every meter and tag shard-core registers, and of the operations its timers tell
 * apart: written once here, read by the code that registers them (and by docs and tests).
 */
final class Meters {
    /** Timer of each call on a shard; tags {@link #SHARD}, {@link #OPERATION}, {@link #OUTCOME}. */
    static final String QUERY = "shardkit.query";
    /** Gauge of a shard's breaker: 0 closed, 1 open, 2 half-open; tag {@link #SHARD}. */
    static final String BREAKER_STATE = "shardkit.breaker.state";
    /** Gauge: active / maximum connections of a shard's primary pool; tag {@link #SHARD}. */
    static final String POOL_UTILIZATION = "shardkit.pool.utilization";
    /** Gauge: 0 healthy, 1 warning, 2 critical; tag {@link #SHARD}. */
    static final String POOL_HEALTH = "shardkit.pool.health";
    /** Distribution of the number of shards each scatter ran on. */
    static final String SCATTER_FANOUT = "shardkit.scatter.fanout";
    /** Counter of scatters with missing shards; tags {@link #OPERATION}, {@link #POLICY}. */
    static final String SCATTER_PARTIAL = "shardkit.scatter.partial";
    /** Counter of shards missing from scatters; tag {@link #OPERATION}. */
    static final String SCATTER_MISSING = "shardkit.scatter.missing.shards";

    static final String SHARD = "shard";
    static final String OPERATION = "operation";
    static final String OUTCOME = "outcome";
    static final String POLICY = "policy";

    /** The operation of work on a primary outside a transaction. */
    static final String WRITE = "write";
    /** The operation of read-only work (replica or primary). */
    static final String READ = "read";
    /** The operation of a transaction. */
    static final String TRANSACTION = "transaction";

    private Meters() {}

    /** Returns the value of the {@link #SHARD} tag. */
    static String shardTag(ShardId shard) {
        return String.valueOf(shard.value());
    }
}
