package org.shardkit.core.outbox;

import java.time.Instant;
import org.shardkit.core.ShardId;

/**
 * A message written by a transaction on its source shard, to be applied on its target shard.
 *
 * @param id the message's id, increasing in the order messages were written on the source shard
 * @param source the shard whose transaction wrote it
 * @param target the shard it is applied on
 * @param kind which {@link OutboxHandler} applies it
 * @param payload what the handler needs, as text
 * @param createdAt when it was written
 */
public record OutboxMessage(long id, ShardId source, ShardId target, String kind, String payload, Instant createdAt) {}
