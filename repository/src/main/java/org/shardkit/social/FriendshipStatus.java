package org.shardkit.social;

import java.util.Locale;

/** The state of a friendship, the same on both of its rows. */
public enum FriendshipStatus {
    /** Requested by {@link Friendship#requestedBy()}, waiting for the other agent. */
    PENDING,
    /** Both are friends. */
    ACCEPTED,
    /** The other agent declined; either may request again. */
    DECLINED,
    /** {@link Friendship#blockedBy()} blocked the other; only the blocker can lift it. */
    BLOCKED;

    /** Returns the name stored in the database. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FriendshipStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
