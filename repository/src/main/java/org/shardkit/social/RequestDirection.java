package org.shardkit.social;

/** Which pending friend requests of an agent to list ({@link SocialRepository#friendRequests}). */
public enum RequestDirection {
    /** Requests other agents made to this one, waiting for its answer. */
    RECEIVED,
    /** Requests this agent made, waiting for the other's answer. */
    SENT
}
