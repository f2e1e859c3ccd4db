package org.shardkit.core.outbox;

import java.time.Instant;
import org.shardkit.core.ShardId;

/**
 * A message written by a transaction on its source shard, to be applied on its target shard.
 * Immutable and thread-safe.
 *
 * @param id the message's id on its source shard, increasing in the order the messages were written
 *     there; with {@code source}, it identifies the message (a handler may record it to skip repeats)
 * @param source the shard whose transaction wrote it
 * @param target the shard it is applied on
 * @param kind which {@link OutboxHandler} applies it
 * @param payload what the handler needs, as text
 * @param createdAt when the source transaction that wrote it began, by the source server's clock
 */
public record OutboxMessage(long id, ShardId source, ShardId target, String kind, String payload, Instant createdAt) {}
