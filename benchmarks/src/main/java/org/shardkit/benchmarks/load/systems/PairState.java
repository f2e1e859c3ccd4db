package org.shardkit.benchmarks.load.systems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A friendship pair's state after one of the load harness's operations: the part of the repository's
 * state machine ({@code FriendshipRules}) that request, accept and remove use, so that the other
 * systems refuse and allow what the repository does. Immutable.
 *
 * @param status the status code both rows get
 * @param requestedBy who asked
 */
record PairState(String status, long requestedBy) {
    static final String PENDING = "pending";
    static final String ACCEPTED = "accepted";
    static final String DECLINED = "declined";

    /** The decision of a pair's next state from its current row; null removes the rows. */
    @FunctionalInterface
    interface Transition {
        @Nullable
        PairState next(long by, long other, SocialSql.@Nullable Edge current);
    }

    /** {@code by} asks {@code other}: allowed with no rows or after a decline. */
    static PairState request(long by, long other, SocialSql.@Nullable Edge current) {
        if (current == null || current.status().equals(DECLINED)) {
            return new PairState(PENDING, by);
        }
        throw refused("request", by, other, current);
    }

    /** {@code by} accepts the request {@code requester} made. */
    static PairState accept(long by, long requester, SocialSql.@Nullable Edge current) {
        if (current != null && current.status().equals(PENDING) && current.requestedBy() == requester) {
            return new PairState(ACCEPTED, requester);
        }
        throw refused("accept", by, requester, current);
    }

    /** Checks {@code by} may end the pair: friends, or its own pending request; the rows then go. */
    static void remove(long by, long other, SocialSql.@Nullable Edge current) {
        boolean friends = current != null && current.status().equals(ACCEPTED);
        boolean ownRequest = current != null && current.status().equals(PENDING) && current.requestedBy() == by;
        if (!friends && !ownRequest) {
            throw refused("remove", by, other, current);
        }
    }

    /** {@link #remove} as a transition: the check, then no next state, so both rows go. */
    static @Nullable PairState removal(long by, long other, SocialSql.@Nullable Edge current) {
        remove(by, other, current);
        return null;
    }

    /**
     * Refuses a pair of one agent with itself, before any shard is touched.
     *
     * @throws IllegalArgumentException naming the agent, if {@code by} and {@code other} are the same
     */
    static void requireTwo(long by, long other) {
        if (by == other) {
            throw new IllegalArgumentException("an agent cannot befriend itself: " + by);
        }
    }

    /** The version both rows of a change get: the change's time in microseconds since the epoch. */
    static long version(Instant now) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    private static IllegalStateException refused(String op, long by, long other, SocialSql.@Nullable Edge current) {
        return new IllegalStateException("cannot " + op + ": agent " + by + " and agent " + other + " are "
                + (current == null ? "unrelated" : current.status() + " (requested by " + current.requestedBy() + ")"));
    }
}
