/**
 * A two-level cache: Caffeine in process (L1) in front of Redis (L2), with single-flight loads and
 * invalidation that reaches every node's L1 through Redis pub/sub.
 */
@NullMarked
package org.shardkit.cache;

import org.jspecify.annotations.NullMarked;
