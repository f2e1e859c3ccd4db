package org.shardkit.social;

/** No active agent has the id: it was never created, or it was deactivated ({@link #deactivated()}). */
public final class AgentNotFoundException extends SocialException {
    private static final long serialVersionUID = 1L;
    private final long agentId;
    private final boolean deactivated;

    AgentNotFoundException(long agentId, boolean deactivated) {
        super(deactivated ? "agent " + agentId + " is deactivated" : "no agent has id " + agentId);
        this.agentId = agentId;
        this.deactivated = deactivated;
    }

    /** Returns the id asked for. */
    public long agentId() {
        return agentId;
    }

    /** Returns whether the agent exists but is deactivated. */
    public boolean deactivated() {
        return deactivated;
    }
}
