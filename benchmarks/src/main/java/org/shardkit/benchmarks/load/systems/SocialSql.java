package org.shardkit.benchmarks.load.systems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shardkit.social.InteractionType;

/**
 * The social schema's statements as plain JDBC, each the SQL the repository issues for the same step
 * (same text where the repository has one statement), for the three systems that are not shardkit.
 * Each method runs one statement on the connection it is given; the systems decide which connection
 * (which shard) and when to commit. Thread-safe (stateless but for how arrays are bound).
 */
final class SocialSql {
    /** The interaction type the load harness records. */
    static final String MESSAGE = InteractionType.MESSAGE.code();

    static final String FRIENDSHIP_COLUMNS = "agent_id, friend_id, status, requested_by, blocked_by, strength_level,"
            + " interaction_count, last_interaction_at, version, created_at, updated_at";

    static final String INTERACTION_COLUMNS = "id, initiator_id, recipient_id, type, content, created_at";

    /** FriendLists, order STRENGTH, first page: the agent's accepted, visible friends, strongest first. */
    static final String FRIEND_LIST = "SELECT " + FRIENDSHIP_COLUMNS + " FROM friendship"
            + " WHERE agent_id = ? AND status = 'accepted' AND peer_active"
            + " ORDER BY strength_level DESC, friend_id DESC LIMIT ?";

    /** The accepted, visible friends whose interactions make the feed (FeedReader's rows, without its agent check). */
    static final String FRIEND_IDS =
            "SELECT friend_id FROM friendship WHERE agent_id = ? AND status = 'accepted' AND peer_active";

    /** FeedReader's check-and-read of the agent's feed friends: no row means no such agent, a null friend none. */
    static final String FEED_FRIENDS = "SELECT f.friend_id FROM agent a LEFT JOIN friendship f"
            + " ON f.agent_id = a.id AND f.status = 'accepted' AND f.peer_active WHERE a.id = ?";

    /**
     * FeedReader's per-shard statement (first page) with positional parameters: friends, n, n. It
     * picks the newest {@code n} of each friend's newest {@code n} from the (initiator_id, created_at
     * DESC, id DESC) index, then reads those rows and their authors.
     */
    static final String FEED_LATERAL = "SELECT i.id, i.initiator_id, i.recipient_id, i.type, i.content, i.created_at,"
            + " a.name AS author_name, a.personality AS author_personality"
            + " FROM (SELECT t.id FROM unnest(CAST(? AS bigint[])) AS f(id)"
            + " CROSS JOIN LATERAL (SELECT id, created_at FROM interaction WHERE initiator_id = f.id"
            + " ORDER BY created_at DESC, id DESC LIMIT ?) t ORDER BY t.created_at DESC, t.id DESC LIMIT ?) top"
            + " JOIN interaction i ON i.id = top.id JOIN agent a ON a.id = i.initiator_id"
            + " ORDER BY i.created_at DESC, i.id DESC";

    /** How arrays are bound: pgjdbc's {@code createArrayOf}, or a Java array for a driver that refuses it. */
    enum ArrayBinding {
        /** {@link Connection#createArrayOf}, as on a plain pgjdbc connection. */
        CREATE_ARRAY_OF,
        /**
         * The Java array itself, which pgjdbc encodes in {@code setObject}: ShardingSphere's connection
         * throws {@code SQLFeatureNotSupportedException} from {@code createArrayOf} and hands the
         * parameter to the pgjdbc statement of each shard.
         */
        JAVA_ARRAY
    }

    private final ArrayBinding arrays;

    SocialSql(ArrayBinding arrays) {
        this.arrays = arrays;
    }

    /** Binds an array parameter of a PostgreSQL element type ({@code int4}, {@code int8}, {@code float8}, {@code text}). */
    void bindArray(PreparedStatement ps, int index, Connection c, String type, Object[] values) throws SQLException {
        if (arrays == ArrayBinding.CREATE_ARRAY_OF) {
            ps.setArray(index, c.createArrayOf(type, values));
        } else {
            ps.setObject(index, values);
        }
    }

    static OffsetDateTime at(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------- agents

    /** Claims a handle on its lookup row (AgentStore/Handles); false if another agent holds it. */
    static boolean claimHandle(Connection c, String handle, long agentId) throws SQLException {
        return update(
                        c,
                        "INSERT INTO agent_handle (handle, agent_id) VALUES (?, ?) ON CONFLICT (handle) DO NOTHING",
                        handle,
                        agentId)
                == 1;
    }

    /**
     * Inserts an active agent without friends (AgentStore.insert, which binds its interests as text
     * and casts them; an array parameter needs no cast, and ShardingSphere rewrites an INSERT's values
     * without the spaces of {@code CAST(? AS integer[])}, which breaks it).
     */
    void insertAgent(Connection c, long id, AgentDraft a, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent (id, handle, name, personality, interests,"
                + " bio, status, friend_count, created_at, last_active_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'active', 0, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, a.handle());
            ps.setString(3, a.name());
            ps.setString(4, a.personality());
            bindArray(ps, 5, c, "int4", a.interests());
            ps.setString(6, a.bio());
            ps.setObject(7, at(now));
            ps.setObject(8, at(now));
            ps.executeUpdate();
        }
    }

    /** Whether an agent row exists, active or not (the repository's findAgent). */
    static boolean agentExists(Connection c, long id) throws SQLException {
        return !longs(c, "SELECT id FROM agent WHERE id = ?", id).isEmpty();
    }

    /** An agent's friend count, kept on its row. */
    static int friendCount(Connection c, long id) throws SQLException {
        List<Long> n = longs(c, "SELECT friend_count FROM agent WHERE id = ?", id);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("agent " + id + " does not exist");
        }
        return Math.toIntExact(n.get(0));
    }

    /** Replaces an active agent's bio. @throws IllegalArgumentException if no active agent has the id */
    static void updateBio(Connection c, long id, String bio) throws SQLException {
        if (update(c, "UPDATE agent SET bio = ? WHERE id = ? AND status = 'active'", bio, id) == 0) {
            throw new IllegalArgumentException("no active agent " + id);
        }
    }

    /** Marks an agent deactivated; false if it was not active. */
    static boolean deactivate(Connection c, long id) throws SQLException {
        return update(c, "UPDATE agent SET status = 'deactivated' WHERE id = ? AND status = 'active'", id) == 1;
    }

    /** Every agent an agent has a friendship row with, ascending (AgentStore.peers). */
    static List<Long> peers(Connection c, long id) throws SQLException {
        return longs(c, "SELECT friend_id FROM friendship WHERE agent_id = ? ORDER BY friend_id", id);
    }

    /**
     * Hides a deactivated agent's edges on its friends' rows held by this database and drops their
     * friend counts (AgentStore.applyDeactivation, the same statement).
     */
    void hideEdges(Connection c, long agent, List<Long> friends, Instant now) throws SQLException {
        try (PreparedStatement lock =
                c.prepareStatement("SELECT id FROM agent WHERE id = ANY(CAST(? AS bigint[])) ORDER BY id FOR UPDATE")) {
            bindArray(lock, 1, c, "int8", friends.toArray(new Long[0]));
            lock.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("WITH hidden AS (UPDATE friendship SET peer_active = false,"
                + " updated_at = ? WHERE friend_id = ? AND agent_id = ANY(CAST(? AS bigint[])) AND peer_active"
                + " RETURNING agent_id, status) UPDATE agent SET friend_count = friend_count - 1"
                + " WHERE id IN (SELECT agent_id FROM hidden WHERE status = 'accepted')")) {
            ps.setObject(1, at(now));
            ps.setLong(2, agent);
            bindArray(ps, 3, c, "int8", friends.toArray(new Long[0]));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- friendships

    /** One side's row of a pair: its state and whether its peer is visible. */
    record Edge(String status, long requestedBy, boolean peerActive) {}

    /** Reads one side's row of a pair (FriendshipStore.edge). */
    static @Nullable Edge edge(Connection c, long agent, long friend) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, requested_by, peer_active FROM friendship WHERE agent_id = ? AND friend_id = ?")) {
            ps.setLong(1, agent);
            ps.setLong(2, friend);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Edge(rs.getString(1), rs.getLong(2), rs.getBoolean(3)) : null;
            }
        }
    }

    /**
     * Sets one side's row to a state (null deletes it) and moves that agent's friend count to match,
     * as FriendshipStore.write does: the count follows "accepted and peer visible".
     */
    static void writeSide(Connection c, long agent, long friend, @Nullable PairState next, long version, Instant now)
            throws SQLException {
        Edge edge = edge(c, agent, friend);
        int before = edge != null && edge.peerActive() && edge.status().equals(PairState.ACCEPTED) ? 1 : 0;
        int after;
        if (next == null) {
            if (edge != null) {
                update(c, "DELETE FROM friendship WHERE agent_id = ? AND friend_id = ?", agent, friend);
            }
            after = 0;
        } else {
            update(
                    c,
                    "INSERT INTO friendship (agent_id, friend_id, status, requested_by, version, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id, friend_id) DO UPDATE"
                            + " SET status = EXCLUDED.status, requested_by = EXCLUDED.requested_by,"
                            + " blocked_by = NULL, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at",
                    agent,
                    friend,
                    next.status(),
                    next.requestedBy(),
                    version,
                    at(now),
                    at(now));
            after = (edge == null || edge.peerActive()) && next.status().equals(PairState.ACCEPTED) ? 1 : 0;
        }
        if (after != before) {
            update(c, "UPDATE agent SET friend_count = friend_count + ? WHERE id = ?", after - before, agent);
        }
    }

    /** Checks an agent is active, locking its row ({@code FOR UPDATE}, else {@code FOR SHARE}) as AgentRows does. */
    static void requireActive(Connection c, long agentId, boolean forUpdate) throws SQLException {
        String sql = forUpdate
                ? "SELECT status FROM agent WHERE id = ? FOR UPDATE"
                : "SELECT status FROM agent WHERE id = ? FOR SHARE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"active".equals(rs.getString(1))) {
                    throw new IllegalArgumentException("no active agent " + agentId);
                }
            }
        }
    }

    /** Refuses an interaction over a pair that {@code agent}'s row says is blocked. */
    static void refuseBlocked(Connection c, long agent, long other) throws SQLException {
        Edge edge = edge(c, agent, other);
        if (edge != null && edge.status().equals("blocked")) {
            throw new IllegalStateException("agent " + agent + " and agent " + other + " are blocked");
        }
    }

    /** How many of {@code others} have a visible friendship row with the agent (LinkBench multiget_link). */
    int countFriendships(Connection c, long agent, List<Long> others) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM friendship"
                + " WHERE agent_id = ? AND friend_id = ANY(CAST(? AS bigint[])) AND peer_active")) {
            ps.setLong(1, agent);
            bindArray(ps, 2, c, "int8", others.toArray(new Long[0]));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------- interactions

    /** Moves an active initiator's last activity forward (InteractionStore.record); false if not active. */
    static boolean touch(Connection c, long agent, Instant at) throws SQLException {
        return update(
                        c,
                        "UPDATE agent SET last_active_at = GREATEST(last_active_at, ?) WHERE id = ? AND status = 'active'",
                        at(at),
                        agent)
                == 1;
    }

    /** Inserts an interaction's row, on its initiator's database. */
    static void insertInteraction(Connection c, long id, long initiator, long recipient, String content, Instant at)
            throws SQLException {
        update(
                c,
                "INSERT INTO interaction (id, initiator_id, recipient_id, type, content, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                initiator,
                recipient,
                MESSAGE,
                content,
                at(at));
    }

    /** Inserts an interaction's inbox copy, on its recipient's database. */
    static void insertInbox(Connection c, long id, long initiator, long recipient, String content, Instant at)
            throws SQLException {
        update(
                c,
                "INSERT INTO interaction_inbox (id, recipient_id, initiator_id, type, content, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                recipient,
                initiator,
                MESSAGE,
                content,
                at(at));
    }

    /** Counts an interaction on one side's row of an accepted friendship (InteractionStore.count, the same statement). */
    static void countInteraction(Connection c, long agent, long friend, Instant at) throws SQLException {
        update(
                c,
                "UPDATE friendship SET interaction_count = interaction_count + 1,"
                        + " strength_level = LEAST(100, floor(20 * ln(2 + interaction_count))::integer),"
                        + " last_interaction_at = GREATEST(COALESCE(last_interaction_at, ?), ?)"
                        + " WHERE agent_id = ? AND friend_id = ? AND status = 'accepted'",
                at(at),
                at(at),
                agent,
                friend);
    }

    // ---------------------------------------------------------------- reads

    /** The first page of an agent's friends by strength (FriendLists), as friend ids. */
    static List<Long> friendList(Connection c, long agent, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FRIEND_LIST)) {
            ps.setLong(1, agent);
            ps.setInt(2, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong("friend_id"));
                }
            }
            return out;
        }
    }

    /** Runs a query whose first column is a bigint, with plain parameters. */
    static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** Runs an update with plain parameters and returns its row count. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
