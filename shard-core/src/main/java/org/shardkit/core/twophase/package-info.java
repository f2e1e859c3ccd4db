/**
 * Two-phase commit over the primaries of several shards: {@link
 * org.shardkit.core.ShardedDatabase#inDistributedTransaction} runs a {@link
 * org.shardkit.core.twophase.DistributedWork} in one {@link
 * org.shardkit.core.twophase.DistributedTransaction}, prepares every shard ({@code PREPARE
 * TRANSACTION}), records the commit decision on the coordinator shard in a local transaction, and
 * commits the prepared transactions; a recovery pass finishes what a crash left prepared. The
 * public types are the API and its exceptions and results; {@code TwoPhaseCommit} is the runtime the
 * database creates, and everything else is package-private. See {@code docs/two-phase-commit.md}.
 */
@NullMarked
package org.shardkit.core.twophase;

import org.jspecify.annotations.NullMarked;
