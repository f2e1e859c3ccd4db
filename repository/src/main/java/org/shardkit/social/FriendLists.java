package org.shardkit.social;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * An agent's friend lists, read from its own rows on its own shard: accepted friends by strength or
 * by last interaction, and pending requests received or sent. Each page is one scan of a partial
 * index of {@code V2__read_paths.sql} (a second statement only when a first page is empty, to tell
 * an agent without friends from an unknown id). Friends whose agent is deactivated are hidden
 * ({@code peer_active}), as {@link SocialRepository#friendship} hides them. Keyset cursors, highest
 * key first, ties broken by the friend's id, highest first. Thread-safe.
 */
final class FriendLists {
    /** The sort key of a friend never interacted with, in {@link FriendOrder#RECENT}: after all others. */
    private static final String NEVER = "'-infinity'::timestamptz";

    private static final String RECENT_KEY = "COALESCE(last_interaction_at, " + NEVER + ")";

    private final ShardedDatabase db;
    private final Cursors cursors;

    FriendLists(ShardedDatabase db, Cursors cursors) {
        this.db = db;
        this.cursors = cursors;
    }

    /** A page of accepted friends in an order. */
    Page<Friendship> friends(long agentId, FriendOrder order, int limit, @Nullable String cursor) {
        boolean byStrength = order == FriendOrder.STRENGTH;
        Cursors.List list = byStrength ? Cursors.List.FRIENDS_BY_STRENGTH : Cursors.List.FRIENDS_BY_RECENT;
        Cursors.Position after = cursors.decode(cursor, list, agentId);
        String key = byStrength ? "strength_level" : RECENT_KEY;
        String sql = "SELECT " + Rows.FRIENDSHIP_COLUMNS + " FROM friendship"
                + " WHERE agent_id = :agent AND status = 'accepted' AND peer_active"
                + (after == null
                        ? ""
                        : " AND (" + key + ", friend_id) < (" + (byStrength ? ":key" : "CAST(:key AS timestamptz)")
                                + ", :id)")
                + " ORDER BY " + key + " DESC, friend_id DESC LIMIT :n";
        List<Friendship> rows = read(agentId, sql, after, limit, q -> {
            if (after != null) {
                q.bind("key", byStrength ? (Object) Math.toIntExact(after.micros()) : recentKey(after.micros()));
            }
        });
        return page(rows, limit, list, agentId, f -> byStrength ? f.strengthLevel() : recentMicros(f));
    }

    /** A page of pending requests received or sent, newest first. */
    Page<Friendship> requests(long agentId, RequestDirection direction, int limit, @Nullable String cursor) {
        boolean sent = direction == RequestDirection.SENT;
        Cursors.List list = sent ? Cursors.List.REQUESTS_SENT : Cursors.List.REQUESTS_RECEIVED;
        Cursors.Position after = cursors.decode(cursor, list, agentId);
        String sql = "SELECT " + Rows.FRIENDSHIP_COLUMNS + " FROM friendship"
                + " WHERE agent_id = :agent AND status = 'pending' AND peer_active AND requested_by "
                + (sent ? "=" : "<>") + " agent_id"
                + (after == null ? "" : " AND (created_at, friend_id) < (:key, :id)")
                + " ORDER BY created_at DESC, friend_id DESC LIMIT :n";
        List<Friendship> rows = read(agentId, sql, after, limit, q -> {
            if (after != null) {
                q.bind("key", Times.bind(Times.ofMicros(after.micros())));
            }
        });
        return page(rows, limit, list, agentId, f -> Times.micros(f.createdAt()));
    }

    private interface Binder {
        void bind(org.jdbi.v3.core.statement.Query q);
    }

    private List<Friendship> read(
            long agentId, String sql, Cursors.@Nullable Position after, int limit, Binder binder) {
        return db.withReadOnly(ShardKey.of(agentId), h -> {
            var q = h.createQuery(sql).bind("agent", agentId).bind("n", limit + 1);
            if (after != null) {
                q.bind("id", after.id());
            }
            binder.bind(q);
            List<Friendship> found = q.map(Rows.FRIENDSHIP).list();
            if (found.isEmpty() && after == null) {
                requireAgent(h, agentId);
            }
            return found;
        });
    }

    private static void requireAgent(Handle h, long agentId) {
        if (AgentRows.find(h, agentId).isEmpty()) {
            throw new AgentNotFoundException(agentId, false);
        }
    }

    private Page<Friendship> page(
            List<Friendship> rows,
            int limit,
            Cursors.List list,
            long agentId,
            java.util.function.ToLongFunction<Friendship> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Friendship last = rows.get(limit - 1);
        return new Page<>(
                rows.subList(0, limit), cursors.encode(list, agentId, key.applyAsLong(last), last.friendId()));
    }

    /** The RECENT key of a row as a cursor holds it: micros, or {@link Long#MIN_VALUE} for never. */
    private static long recentMicros(Friendship f) {
        Instant at = f.lastInteractionAt();
        return at == null ? Long.MIN_VALUE : Times.micros(at);
    }

    /** The RECENT key bound as text: PostgreSQL reads {@code -infinity} and ISO-8601 alike, exactly. */
    private static String recentKey(long micros) {
        return micros == Long.MIN_VALUE
                ? "-infinity"
                : Times.bind(Times.ofMicros(micros)).toString();
    }
}
