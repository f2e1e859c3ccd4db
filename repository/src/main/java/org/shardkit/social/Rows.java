package org.shardkit.social;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/** How the social tables' rows become records, and how arrays are bound. */
final class Rows {
    private Rows() {}

    static final String AGENT_COLUMNS =
            "id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at";

    static final RowMapper<Agent> AGENT = (rs, ctx) -> new Agent(
            rs.getLong("id"),
            rs.getString("handle"),
            rs.getString("name"),
            Personality.fromCode(rs.getString("personality")),
            ints(rs.getArray("interests")),
            rs.getString("bio"),
            AgentStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getInt("friend_count"),
            instant(rs, "created_at"),
            instant(rs, "last_active_at"));

    static final String FRIENDSHIP_COLUMNS = "agent_id, friend_id, status, requested_by, blocked_by, strength_level,"
            + " interaction_count, last_interaction_at, version, created_at, updated_at";

    static final RowMapper<Friendship> FRIENDSHIP = (rs, ctx) -> new Friendship(
            rs.getLong("agent_id"),
            rs.getLong("friend_id"),
            FriendshipStatus.fromCode(rs.getString("status")),
            rs.getLong("requested_by"),
            nullableLong(rs, "blocked_by"),
            rs.getInt("strength_level"),
            rs.getInt("interaction_count"),
            nullableInstant(rs, "last_interaction_at"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"));

    static final String INTERACTION_COLUMNS = "id, initiator_id, recipient_id, type, content, created_at";

    static final RowMapper<Interaction> INTERACTION = (rs, ctx) -> new Interaction(
            rs.getLong("id"),
            rs.getLong("initiator_id"),
            rs.getLong("recipient_id"),
            InteractionType.valueOf(rs.getString("type").toUpperCase(Locale.ROOT)),
            rs.getString("content"),
            instant(rs, "created_at"));

    static final String COMMUNITY_COLUMNS = "id, name, description, owner_id, member_count, created_at";

    static final RowMapper<Community> COMMUNITY = (rs, ctx) -> new Community(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("description"),
            rs.getLong("owner_id"),
            rs.getInt("member_count"),
            instant(rs, "created_at"));

    /** Returns the text form of an integer array, bound as {@code CAST(:x AS integer[])}: ints only, nothing to escape. */
    static String intArray(Integer[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i].intValue());
        }
        return b.append('}').toString();
    }

    /** Returns the text form of a bigint array, bound as {@code CAST(:x AS bigint[])}. */
    static String longArray(java.util.Collection<Long> values) {
        StringBuilder b = new StringBuilder("{");
        for (Long v : values) {
            b.append(b.length() == 1 ? "" : ",").append(v.longValue());
        }
        return b.append('}').toString();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) {
            throw new IllegalStateException(column + " is null");
        }
        return t.toInstant();
    }

    @Nullable
    static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Nullable
    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static List<Integer> ints(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        List<Integer> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((Integer) v);
        }
        return out;
    }
}
