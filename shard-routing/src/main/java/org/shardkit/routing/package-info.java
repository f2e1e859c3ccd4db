/**
 * Shard strategies (modulo, hash-modulo, consistent hash, jump), virtual-bucket topologies and rebalance planning. Pure Java; no JDBC.
 */
@NullMarked
package org.shardkit.routing;

import org.jspecify.annotations.NullMarked;
