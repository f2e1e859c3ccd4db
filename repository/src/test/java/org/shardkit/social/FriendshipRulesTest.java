package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shardkit.social.FriendshipRules.Op;
import org.shardkit.social.FriendshipRules.State;

/** Every operation from every state, by agent A with agent B: the next state, or the error's type. */
class FriendshipRulesTest {
    private static final long A = 10;
    private static final long B = 20;

    private static final Map<String, @Nullable State> STATES = new LinkedHashMap<>();

    static {
        STATES.put("none", null);
        STATES.put("pending(A)", new State(FriendshipStatus.PENDING, A, null));
        STATES.put("pending(B)", new State(FriendshipStatus.PENDING, B, null));
        STATES.put("accepted", new State(FriendshipStatus.ACCEPTED, B, null));
        STATES.put("declined", new State(FriendshipStatus.DECLINED, A, null));
        STATES.put("blocked(A)", new State(FriendshipStatus.BLOCKED, A, A));
        STATES.put("blocked(B)", new State(FriendshipStatus.BLOCKED, A, B));
    }

    /** op, from, expected: a state's name, "gone", or an exception's simple name. */
    static Stream<Arguments> table() {
        String[][] rows = {
            {"REQUEST", "none", "pending(A)"},
            {"REQUEST", "pending(A)", "DuplicateFriendRequestException"},
            {"REQUEST", "pending(B)", "FriendshipStateException"},
            {"REQUEST", "accepted", "FriendshipStateException"},
            {"REQUEST", "declined", "pending(A)"},
            {"REQUEST", "blocked(A)", "FriendshipStateException"},
            {"REQUEST", "blocked(B)", "FriendshipStateException"},
            {"ACCEPT", "none", "FriendRequestNotFoundException"},
            {"ACCEPT", "pending(A)", "FriendRequestNotFoundException"},
            {"ACCEPT", "pending(B)", "accepted"},
            {"ACCEPT", "accepted", "FriendRequestNotFoundException"},
            {"ACCEPT", "declined", "FriendRequestNotFoundException"},
            {"ACCEPT", "blocked(A)", "FriendRequestNotFoundException"},
            {"ACCEPT", "blocked(B)", "FriendRequestNotFoundException"},
            {"DECLINE", "none", "FriendRequestNotFoundException"},
            {"DECLINE", "pending(A)", "FriendRequestNotFoundException"},
            {"DECLINE", "pending(B)", "declined(by B's request)"},
            {"DECLINE", "accepted", "FriendRequestNotFoundException"},
            {"DECLINE", "declined", "FriendRequestNotFoundException"},
            {"DECLINE", "blocked(A)", "FriendRequestNotFoundException"},
            {"DECLINE", "blocked(B)", "FriendRequestNotFoundException"},
            {"BLOCK", "none", "blocked(A)"},
            {"BLOCK", "pending(A)", "blocked(A)"},
            {"BLOCK", "pending(B)", "blocked(A) on B's request"},
            {"BLOCK", "accepted", "blocked(A) on B's request"},
            {"BLOCK", "declined", "blocked(A)"},
            {"BLOCK", "blocked(A)", "FriendshipStateException"},
            {"BLOCK", "blocked(B)", "FriendshipStateException"},
            {"UNBLOCK", "none", "FriendshipStateException"},
            {"UNBLOCK", "pending(A)", "FriendshipStateException"},
            {"UNBLOCK", "pending(B)", "FriendshipStateException"},
            {"UNBLOCK", "accepted", "FriendshipStateException"},
            {"UNBLOCK", "declined", "FriendshipStateException"},
            {"UNBLOCK", "blocked(A)", "gone"},
            {"UNBLOCK", "blocked(B)", "FriendshipStateException"},
            {"REMOVE", "none", "FriendshipStateException"},
            {"REMOVE", "pending(A)", "gone"},
            {"REMOVE", "pending(B)", "FriendshipStateException"},
            {"REMOVE", "accepted", "gone"},
            {"REMOVE", "declined", "FriendshipStateException"},
            {"REMOVE", "blocked(A)", "FriendshipStateException"},
            {"REMOVE", "blocked(B)", "FriendshipStateException"},
        };
        assertThat(rows.length).isEqualTo(Op.values().length * STATES.size());
        return Stream.of(rows).map(r -> Arguments.of(Op.valueOf(r[0]), r[1], r[2]));
    }

    private static final Map<String, @Nullable State> RESULTS = Map.of(
            "pending(A)", new State(FriendshipStatus.PENDING, A, null),
            "accepted", new State(FriendshipStatus.ACCEPTED, B, null),
            "declined(by B's request)", new State(FriendshipStatus.DECLINED, B, null),
            "blocked(A)", new State(FriendshipStatus.BLOCKED, A, A),
            "blocked(A) on B's request", new State(FriendshipStatus.BLOCKED, B, A));

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @MethodSource("table")
    void every_operation_from_every_state(Op op, String from, String expected) {
        State current = STATES.get(from);
        if (expected.endsWith("Exception")) {
            assertThatThrownBy(() -> FriendshipRules.next(op, A, B, current))
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(expected))
                    .isInstanceOfSatisfying(FriendshipStateException.class, e -> {
                        assertThat(e.operation()).isEqualTo(op.label());
                        assertThat(e.agentId()).isEqualTo(A);
                        assertThat(e.otherId()).isEqualTo(B);
                        assertThat(e.current()).isEqualTo(current == null ? null : current.status());
                        assertThat(e.getMessage()).contains("agent " + A, "agent " + B);
                    });
        } else if (expected.equals("gone")) {
            assertThat(FriendshipRules.next(op, A, B, current)).isNull();
        } else {
            assertThat(FriendshipRules.next(op, A, B, current)).isEqualTo(RESULTS.get(expected));
        }
    }

    @org.junit.jupiter.api.Test
    void only_accepted_counts_as_a_friendship() {
        for (Map.Entry<String, @Nullable State> e : STATES.entrySet()) {
            assertThat(FriendshipRules.counted(e.getValue()))
                    .as(e.getKey())
                    .isEqualTo(e.getKey().equals("accepted") ? 1 : 0);
        }
    }
}
