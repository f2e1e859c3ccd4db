package org.shardkit.social;

/** Joining a community one is in, or leaving one one is not in. */
public final class MembershipException extends SocialException {
    private static final long serialVersionUID = 1L;
    private final long agentId;
    private final long communityId;

    MembershipException(long agentId, long communityId, boolean member) {
        super("agent " + agentId + (member ? " is already a member of" : " is not a member of") + " community "
                + communityId);
        this.agentId = agentId;
        this.communityId = communityId;
    }

    /** Returns the agent. */
    public long agentId() {
        return agentId;
    }

    /** Returns the community. */
    public long communityId() {
        return communityId;
    }
}
