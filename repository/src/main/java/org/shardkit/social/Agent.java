package org.shardkit.social;

import java.time.Instant;
import java.util.List;

/**
 * An agent as stored on the shard of its id.
 *
 * @param id the agent's id: a snowflake, which also places it
 * @param handle its unique handle
 * @param name its display name
 * @param personality its personality type
 * @param interests its interest ids, ascending, without duplicates
 * @param bio its biography, possibly empty
 * @param status active or deactivated
 * @param friendCount its accepted friendships, kept with every friendship change
 * @param createdAt when it was created
 * @param lastActiveAt when it last initiated an interaction, or was created
 */
public record Agent(
        long id,
        String handle,
        String name,
        Personality personality,
        List<Integer> interests,
        String bio,
        AgentStatus status,
        int friendCount,
        Instant createdAt,
        Instant lastActiveAt) {
    /** Copies the interests. */
    public Agent {
        interests = List.copyOf(interests);
    }
}
