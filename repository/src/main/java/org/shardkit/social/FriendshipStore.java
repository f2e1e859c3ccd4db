package org.shardkit.social;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * Friendships: two rows per pair, one on each agent's shard, changed together. The pair's state is
 * decided on the shard of the lower agent id, under the lock of that agent's row; the higher
 * side mirrors it, carrying the same version, and applies a mirror only if it is newer than what
 * it has, so a replayed or late message changes nothing. Friend counts change in the same
 * transaction as the row of their side. Thread-safe.
 */
final class FriendshipStore {
    static final String KIND = "social.friendship";

    /** A pair's row as the store reads it: the record, plus what only the store needs. */
    private record Edge(Friendship row, long version, boolean peerActive) {}

    private final ShardedDatabase db;
    private final CrossShardWriter writer;
    private final Clock clock;

    FriendshipStore(ShardedDatabase db, CrossShardWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Applies {@code op} by agent {@code by} to its pair with {@code other}.
     *
     * @return the pair as {@code by}'s row now shows it, or empty when the pair's rows went away
     */
    Optional<Friendship> change(FriendshipRules.Op op, long by, long other) {
        InputRules.distinct("otherId", by, other);
        long low = Math.min(by, other);
        long high = Math.max(by, other);
        if (writer.mode() == CrossShardMode.OUTBOX) {
            // The higher side applies later, from the outbox; check now that it can.
            AgentRows.requireActive(db, high);
        }
        return writer.write(KIND, ShardKey.of(low), ShardKey.of(high), h -> {
            AgentRows.lockActive(h, low);
            Edge edge = edge(h, low, high).orElse(null);
            FriendshipRules.State current = edge == null ? null : state(edge.row());
            FriendshipRules.State next = FriendshipRules.next(op, by, other, current);
            Instant now = Times.now(clock);
            long version = Math.max(edge == null ? 1 : edge.version() + 1, Times.micros(now));
            Instant created = edge == null ? now : edge.row().createdAt();
            String mirror = side(high, low, next, version, created, now);
            // This side's agent is locked and its row read above: write it without reading again.
            write(h, low, high, next, version, created, now, edge);
            Optional<Friendship> mine = next == null
                    ? Optional.empty()
                    : Optional.of(new Friendship(
                            low,
                            high,
                            next.status(),
                            next.requestedBy(),
                            next.blockedBy(),
                            edge == null ? 0 : edge.row().strengthLevel(),
                            edge == null ? 0 : edge.row().interactionCount(),
                            edge == null ? null : edge.row().lastInteractionAt(),
                            created,
                            now));
            return new CrossShardWriter.Decision<>(mine.map(f -> by == low ? f : mirrored(f)), mirror);
        });
    }

    /** Returns the message that sets one side's row ({@code agent}'s) to a pair's state. */
    private static String side(
            long agent, long friend, FriendshipRules.@Nullable State next, long version, Instant created, Instant now) {
        return Payload.of(
                agent,
                friend,
                next == null ? null : next.status().code(),
                next == null ? null : next.requestedBy(),
                next == null ? null : next.blockedBy(),
                version,
                Times.micros(created),
                Times.micros(now));
    }

    /**
     * Applies a pair's state to one side's row (the payload's first agent), if its version is newer
     * than the row's: the deciding side calls it for its own row, the mirror for the other.
     * Idempotent. Applied inside the deciding transaction or unit, the mirrored agent must be active; a relayed mirror
     * applies whatever it finds, since the decision is already committed.
     */
    static void apply(Handle h, String payload, boolean relayed) {
        Payload p = Payload.parse(payload);
        long agent = p.nextLong();
        long friend = p.nextLong();
        String status = p.nextOrNull();
        Long requestedBy = p.nextLongOrNull();
        Long blockedBy = p.nextLongOrNull();
        long version = p.nextLong();
        Instant created = Times.ofMicros(p.nextLong());
        Instant now = Times.ofMicros(p.nextLong());
        if (!relayed) {
            AgentRows.lockActive(h, agent);
        } else {
            h.createQuery("SELECT id FROM agent WHERE id = :id FOR UPDATE")
                    .bind("id", agent)
                    .mapTo(Long.class)
                    .findOne();
        }
        Edge edge = edge(h, agent, friend).orElse(null);
        if (edge != null && edge.version() >= version) {
            return;
        }
        write(
                h,
                agent,
                friend,
                status == null
                        ? null
                        : new FriendshipRules.State(
                                FriendshipStatus.fromCode(status),
                                java.util.Objects.requireNonNull(requestedBy),
                                blockedBy),
                version,
                created,
                now,
                edge);
    }

    /** Sets one side's row to a state (null: deletes it) and moves that agent's friend count to match. */
    private static void write(
            Handle h,
            long agent,
            long friend,
            FriendshipRules.@Nullable State next,
            long version,
            Instant created,
            Instant now,
            @Nullable Edge edge) {
        int before = edge != null && edge.peerActive() ? FriendshipRules.counted(state(edge.row())) : 0;
        int after;
        if (next == null) {
            if (edge != null) {
                h.createUpdate("DELETE FROM friendship WHERE agent_id = :a AND friend_id = :f")
                        .bind("a", agent)
                        .bind("f", friend)
                        .execute();
            }
            after = 0;
        } else {
            h.createUpdate("INSERT INTO friendship (agent_id, friend_id, status, requested_by, blocked_by, version,"
                            + " created_at, updated_at) VALUES (:a, :f, :status, :requestedBy, :blockedBy, :version,"
                            + " :created, :now) ON CONFLICT (agent_id, friend_id) DO UPDATE SET status = EXCLUDED.status,"
                            + " requested_by = EXCLUDED.requested_by, blocked_by = EXCLUDED.blocked_by,"
                            + " version = EXCLUDED.version, created_at = EXCLUDED.created_at,"
                            + " updated_at = EXCLUDED.updated_at")
                    .bind("a", agent)
                    .bind("f", friend)
                    .bind("status", next.status().code())
                    .bind("requestedBy", next.requestedBy())
                    .bind("blockedBy", next.blockedBy())
                    .bind("version", version)
                    .bind("created", Times.bind(created))
                    .bind("now", Times.bind(now))
                    .execute();
            boolean peerActive = edge == null || edge.peerActive();
            after = peerActive ? FriendshipRules.counted(next) : 0;
        }
        if (after != before) {
            h.createUpdate("UPDATE agent SET friend_count = friend_count + :delta WHERE id = :id")
                    .bind("delta", after - before)
                    .bind("id", agent)
                    .execute();
        }
    }

    /** Returns the pair as {@code agentId}'s row shows it, read on its shard. */
    Optional<Friendship> find(long agentId, long otherId) {
        InputRules.distinct("otherId", agentId, otherId);
        return db.withReadOnly(
                ShardKey.of(agentId),
                h -> edge(h, agentId, otherId).filter(Edge::peerActive).map(Edge::row));
    }

    /** Returns an agent's friend count, kept on its row. */
    int friendCount(long agentId) {
        InputRules.id("agentId", agentId);
        return db.withReadOnly(
                        ShardKey.of(agentId),
                        h -> h.createQuery("SELECT friend_count FROM agent WHERE id = :id")
                                .bind("id", agentId)
                                .mapTo(Integer.class)
                                .findOne())
                .orElseThrow(() -> new AgentNotFoundException(agentId, false));
    }

    private static Optional<Edge> edge(Handle h, long agent, long friend) {
        return h.createQuery("SELECT " + Rows.FRIENDSHIP_COLUMNS + ", peer_active FROM friendship"
                        + " WHERE agent_id = :a AND friend_id = :f")
                .bind("a", agent)
                .bind("f", friend)
                .map((rs, ctx) ->
                        new Edge(Rows.FRIENDSHIP.map(rs, ctx), rs.getLong("version"), rs.getBoolean("peer_active")))
                .findOne();
    }

    private static FriendshipRules.State state(Friendship f) {
        return new FriendshipRules.State(f.status(), f.requestedBy(), f.blockedBy());
    }

    /** The other side's view of a pair: the same state and counters, the agents swapped. */
    private static Friendship mirrored(Friendship f) {
        return new Friendship(
                f.friendId(),
                f.agentId(),
                f.status(),
                f.requestedBy(),
                f.blockedBy(),
                f.strengthLevel(),
                f.interactionCount(),
                f.lastInteractionAt(),
                f.createdAt(),
                f.updatedAt());
    }
}
