package org.shardkit.social;

/** The order of a friend list ({@link SocialRepository#friends}); ties are broken by the friend's id, highest first. */
public enum FriendOrder {
    /** Strongest friendship first ({@link Friendship#strengthLevel()}). */
    STRENGTH,
    /** Most recent interaction first ({@link Friendship#lastInteractionAt()}); friends never interacted with last. */
    RECENT
}
