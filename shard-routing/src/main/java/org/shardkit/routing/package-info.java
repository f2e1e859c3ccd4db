/**
 * Shard strategies (modulo, hash-modulo, consistent-hash, jump, and virtual buckets in a versioned topology) and
 * rebalance planning. Pure Java; no JDBC. {@link org.shardkit.routing.StrategyKind} is the one registry of the
 * strategies' names, used by configuration, {@link org.shardkit.routing.spi.ShardStrategy#name()} and the tools.
 *
 * <p>Start at {@link org.shardkit.routing.ShardRouter}: wrap a strategy from
 * {@link org.shardkit.routing.ShardStrategies} (or a {@link org.shardkit.routing.Topology}) and route {@code long},
 * {@code String} or {@code byte[]} keys to shard ids. Text and byte keys become {@code long} keys through the one
 * stable hash in {@link org.shardkit.routing.KeyHash}.
 */
@NullMarked
package org.shardkit.routing;

import org.jspecify.annotations.NullMarked;
