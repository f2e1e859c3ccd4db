/**
 * A transactional outbox for changes that span two shards without two-phase commit: a transaction
 * on the source shard writes a message beside its own rows ({@link
 * org.shardkit.core.outbox.Outbox#enqueue}), and a relay applies it on the target shard with the
 * {@link org.shardkit.core.outbox.OutboxHandler} of its kind, at least once and in order per source
 * and target shard, so that both sides converge. See {@code docs/outbox.md}.
 */
@NullMarked
package org.shardkit.core.outbox;

import org.jspecify.annotations.NullMarked;
