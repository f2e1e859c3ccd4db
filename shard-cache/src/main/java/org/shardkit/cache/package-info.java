/**
 * A two-level cache: Caffeine in process (L1) in front of Redis (L2), with single-flight loads and
 * invalidation that reaches every node's L1 through Redis pub/sub. Start at {@link
 * org.shardkit.cache.TwoLevelCache}; configuration is {@link org.shardkit.cache.CacheSettings},
 * {@link org.shardkit.cache.RedisSettings} and {@link org.shardkit.cache.NamespaceSettings}
 * (immutable, separate from the runtime object); values are read through a {@link
 * org.shardkit.cache.CacheNamespace}.
 *
 * <p>It is a module of its own, {@code shard-cache}, not part of {@code shard-core}: services that
 * use {@code shard-core} without a cache do not pull in Caffeine, Jedis and Jackson, and the cache
 * can be used without {@code shard-core} (it knows nothing of shards). What is guaranteed when Redis
 * is unreachable is stated in {@code docs/cache.md}.
 */
@NullMarked
package org.shardkit.cache;

import org.jspecify.annotations.NullMarked;
