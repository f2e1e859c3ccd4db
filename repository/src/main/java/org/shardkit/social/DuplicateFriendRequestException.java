package org.shardkit.social;

/** The agent already asked for this friendship and it is still pending. */
public final class DuplicateFriendRequestException extends FriendshipStateException {
    private static final long serialVersionUID = 1L;

    DuplicateFriendRequestException(long agentId, long otherId) {
        super("request", agentId, otherId, FriendshipStatus.PENDING, "the request is already pending");
    }
}
