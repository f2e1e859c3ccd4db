/**
 * The extension point of routing: {@link org.shardkit.routing.spi.ShardStrategy}, which maps a {@code long} key to a
 * shard id. Implementations outside shardkit should pass the contract test that every built-in strategy passes.
 */
@NullMarked
package org.shardkit.routing.spi;

import org.jspecify.annotations.NullMarked;
