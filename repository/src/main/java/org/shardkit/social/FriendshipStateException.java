package org.shardkit.social;

import org.jspecify.annotations.Nullable;

/**
 * A friendship operation that the pair's current state does not allow, e.g. accepting what is
 * already accepted, or requesting a blocked pair. Subclasses name the common cases.
 */
public class FriendshipStateException extends SocialException {
    private static final long serialVersionUID = 1L;
    private final String operation;
    private final long agentId;
    private final long otherId;
    private final @Nullable FriendshipStatus current;

    FriendshipStateException(
            String operation, long agentId, long otherId, @Nullable FriendshipStatus current, String why) {
        super(operation + " by agent " + agentId + " with agent " + otherId + " refused: " + why + " (the pair is "
                + (current == null ? "unrelated" : current.code()) + ")");
        this.operation = operation;
        this.agentId = agentId;
        this.otherId = otherId;
        this.current = current;
    }

    /** Returns the operation refused: request, accept, decline, block, unblock or remove. */
    public String operation() {
        return operation;
    }

    /** Returns the agent that asked. */
    public long agentId() {
        return agentId;
    }

    /** Returns the other agent. */
    public long otherId() {
        return otherId;
    }

    /** Returns the pair's state when refused, or null if the agents were unrelated. */
    public @Nullable FriendshipStatus current() {
        return current;
    }
}
