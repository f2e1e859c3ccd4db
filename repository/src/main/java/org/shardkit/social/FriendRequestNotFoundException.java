package org.shardkit.social;

import org.jspecify.annotations.Nullable;

/** Accepting or declining a request that the other agent did not make, or that is no longer pending. */
public final class FriendRequestNotFoundException extends FriendshipStateException {
    private static final long serialVersionUID = 1L;

    FriendRequestNotFoundException(String operation, long agentId, long otherId, @Nullable FriendshipStatus current) {
        super(operation, agentId, otherId, current, "agent " + otherId + " has no pending request to agent " + agentId);
    }
}
