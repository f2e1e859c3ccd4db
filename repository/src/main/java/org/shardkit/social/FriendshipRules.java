package org.shardkit.social;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The friendship state machine, as a pure function of the pair's state: every legal transition,
 * and the typed error of every illegal one. {@code docs/social.md} draws it.
 */
final class FriendshipRules {
    private FriendshipRules() {}

    /** What an agent does to a pair. */
    enum Op {
        REQUEST,
        ACCEPT,
        DECLINE,
        BLOCK,
        UNBLOCK,
        REMOVE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state both rows of a pair share; null stands for "no rows". */
    record State(
            FriendshipStatus status,
            long requestedBy,
            @Nullable Long blockedBy) {}

    /**
     * Returns the pair's next state when {@code by} does {@code op} to it with {@code other}.
     *
     * @return the new state, or null when the pair's rows go away
     * @throws FriendshipStateException (or a subclass) naming the operation, the agents and the state
     */
    @Nullable
    static State next(Op op, long by, long other, @Nullable State current) {
        FriendshipStatus status = current == null ? null : current.status();
        long requester = current == null ? 0 : current.requestedBy();
        Long blocker = current == null ? null : current.blockedBy();
        switch (op) {
            case REQUEST -> {
                if (current == null || status == FriendshipStatus.DECLINED) {
                    return new State(FriendshipStatus.PENDING, by, null);
                }
                if (status == FriendshipStatus.PENDING) {
                    if (requester == by) {
                        throw new DuplicateFriendRequestException(by, other);
                    }
                    throw refused(op, by, other, status, "agent " + other + " already asked; accept that request");
                }
                throw refused(
                        op,
                        by,
                        other,
                        status,
                        status == FriendshipStatus.ACCEPTED ? "they are already friends" : "the pair is blocked");
            }
            case ACCEPT, DECLINE -> {
                if (status == FriendshipStatus.PENDING && requester == other) {
                    return new State(
                            op == Op.ACCEPT ? FriendshipStatus.ACCEPTED : FriendshipStatus.DECLINED, other, null);
                }
                throw new FriendRequestNotFoundException(op.label(), by, other, status);
            }
            case BLOCK -> {
                if (status == FriendshipStatus.BLOCKED) {
                    throw refused(op, by, other, status, "already blocked by agent " + blocker);
                }
                return new State(FriendshipStatus.BLOCKED, current == null ? by : requester, by);
            }
            case UNBLOCK -> {
                if (status == FriendshipStatus.BLOCKED && blocker != null && blocker == by) {
                    return null;
                }
                throw refused(op, by, other, status, "agent " + by + " has not blocked agent " + other);
            }
            case REMOVE -> {
                if (status == FriendshipStatus.ACCEPTED) {
                    return null;
                }
                if (status == FriendshipStatus.PENDING && requester == by) {
                    return null;
                }
                throw refused(
                        op, by, other, status, "they are not friends and agent " + by + " has no pending request");
            }
        }
        throw new AssertionError(op);
    }

    /** Returns 1 if the state counts as a friendship (for the friend counts), else 0. */
    static int counted(@Nullable State state) {
        return state != null && state.status() == FriendshipStatus.ACCEPTED ? 1 : 0;
    }

    private static FriendshipStateException refused(
            Op op, long by, long other, @Nullable FriendshipStatus status, String why) {
        return new FriendshipStateException(op.label(), by, other, status, why);
    }
}
