package org.shardkit.examples.data;

/**
 * The social schema's tables as the seeder loads them: each one's columns in the order its rows are
 * encoded ({@code repository/src/main/resources/org/shardkit/social/db/V1__social_schema.sql}).
 */
enum SeedTable {
    AGENT(
            "agent",
            "id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at",
            true),
    AGENT_HANDLE("agent_handle", "handle, agent_id, claimed_at", false),
    FRIENDSHIP(
            "friendship",
            "agent_id, friend_id, status, requested_by, blocked_by, strength_level, interaction_count,"
                    + " last_interaction_at, peer_active, version, created_at, updated_at",
            false),
    INTERACTION("interaction", "id, initiator_id, recipient_id, type, content, created_at", true),
    INTERACTION_INBOX("interaction_inbox", "id, recipient_id, initiator_id, type, content, created_at", true),
    COMMUNITY("community", "id, name, description, owner_id, member_count, created_at", false),
    COMMUNITY_MEMBER("community_member", "community_id, agent_id, joined_at", false),
    AGENT_COMMUNITY("agent_community", "agent_id, community_id, joined_at", false);

    private final String table;
    private final String columns;
    private final boolean rebuildsIndexes;

    SeedTable(String table, String columns, boolean rebuildsIndexes) {
        this.table = table;
        this.columns = columns;
        this.rebuildsIndexes = rebuildsIndexes;
    }

    /**
     * Returns whether rows arrive in an order that scatters the inserts of the table's secondary
     * indexes (the GIN of interests; interactions by initiator or recipient), so that building those
     * indexes after the load may be cheaper. Friendships arrive in their owner's order, which their
     * indexes lead with: no gain there.
     */
    boolean rebuildsIndexes() {
        return rebuildsIndexes;
    }

    /** Returns the table's name in the schema. */
    String table() {
        return table;
    }

    /** Returns the number of columns each row carries. */
    int fields() {
        return columns.split(",").length;
    }

    /**
     * Returns the load statement: binary, and {@code FREEZE} (the table was truncated in the same
     * transaction), so the rows are written frozen and their pages all-visible: index-only scans work
     * at once and no vacuum has to visit them later.
     */
    String copySql() {
        return "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT binary, FREEZE)";
    }
}
