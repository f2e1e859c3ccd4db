/**
 * Cross-shard queries: run a function on many shards in parallel under one deadline, get back the
 * per-shard results (and, with the partial policy, which shards are missing and why), and merge
 * them without sorting everything: concatenation, k-way top-k, aggregates, keyset pages.
 */
@NullMarked
package org.shardkit.core.scatter;

import org.jspecify.annotations.NullMarked;
