package org.shardkit.social;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One agent's row of a friendship, as stored on that agent's shard. Status, requester and blocker
 * are the same on both rows; the counters are each side's own.
 *
 * @param agentId the agent whose row this is
 * @param friendId the other agent
 * @param status the state
 * @param requestedBy who asked
 * @param blockedBy who blocked, when {@code status} is {@link FriendshipStatus#BLOCKED}
 * @param strengthLevel 0 to 100, grown by the interactions this agent initiated with the friend
 * @param interactionCount interactions this agent initiated with the friend
 * @param lastInteractionAt when this agent last interacted with the friend, if ever
 * @param createdAt when the pair was first requested
 * @param updatedAt when its state last changed
 */
public record Friendship(
        long agentId,
        long friendId,
        FriendshipStatus status,
        long requestedBy,
        @Nullable Long blockedBy,
        int strengthLevel,
        int interactionCount,
        @Nullable Instant lastInteractionAt,
        Instant createdAt,
        Instant updatedAt) {}
