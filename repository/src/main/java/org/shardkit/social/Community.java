package org.shardkit.social;

import java.time.Instant;

/**
 * A community, on the shard of its id.
 *
 * @param id its id: a snowflake
 * @param name its name
 * @param description its description, possibly empty
 * @param ownerId the agent that created it
 * @param memberCount its members, kept with every join and leave
 * @param createdAt when it was created
 */
public record Community(long id, String name, String description, long ownerId, int memberCount, Instant createdAt) {}
