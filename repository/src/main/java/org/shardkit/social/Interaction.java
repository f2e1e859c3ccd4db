package org.shardkit.social;

import java.time.Instant;

/**
 * An interaction from one agent to another.
 *
 * @param id its id: a snowflake
 * @param initiatorId who initiated it (the row lives on this agent's shard)
 * @param recipientId who received it (an inbox copy lives on this agent's shard)
 * @param type its type
 * @param content its text, verbatim
 * @param createdAt when it was recorded
 */
public record Interaction(
        long id, long initiatorId, long recipientId, InteractionType type, String content, Instant createdAt) {}
