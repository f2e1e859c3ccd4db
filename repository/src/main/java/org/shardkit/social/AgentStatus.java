package org.shardkit.social;

/** Whether an agent takes part: a deactivated agent keeps its row, and its edges elsewhere are hidden. */
public enum AgentStatus {
    ACTIVE,
    DEACTIVATED;
}
