/**
 * Limits a service applies to its callers: a per-key rate limiter built on Resilience4j. (Per-shard
 * and overall concurrency limits are applied by {@link org.shardkit.core.ShardedDatabase} itself,
 * from the {@code limits} configuration.)
 */
@NullMarked
package org.shardkit.core.limits;

import org.jspecify.annotations.NullMarked;
