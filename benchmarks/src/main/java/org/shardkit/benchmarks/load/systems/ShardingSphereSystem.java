package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * {@code shardingsphere}: Apache ShardingSphere-JDBC over the same shards ({@link ShardingSphereRules}),
 * used as its users write SQL against one logical database: the feed as {@code initiator_id IN (…the
 * friends' ids…) ORDER BY created_at DESC, id DESC LIMIT n}, which ShardingSphere routes to the
 * shards holding those friends and merges; the compatible agents as one logical statement it
 * scatters to every shard and merges by {@code score DESC, id}; each write as one logical transaction
 * (ShardingSphere's default {@code LOCAL} type: each shard's part commits in turn, no two-phase
 * commit). Statements that need one shard's rows in one statement ({@code UPDATE … RETURNING} in a
 * CTE) are split, as a ShardingSphere user must. Arrays are bound as Java arrays: its connection
 * refuses {@code createArrayOf}. Thread-safe.
 */
final class ShardingSphereSystem extends LogicalDatabaseSystem {
    /**
     * The compatible agents' candidates, a logical statement merged by ShardingSphere: the most recently
     * active agents sharing an interest, as many as shardkit's shards score together. ShardingSphere
     * 5.5.2 does not route a derived table, so the candidates and their scoring are two statements.
     */
    private static final String CANDIDATES = "SELECT c.id FROM agent c"
            + " WHERE c.interests && CAST(? AS integer[]) AND c.status = 'active' AND c.id <> ?"
            + " AND c.id <> ALL(CAST(? AS bigint[]))"
            + " ORDER BY c.active_on DESC, c.id DESC LIMIT ?";

    /** The candidates' scoring: the repository's score, merged by ShardingSphere. */
    private static final String TOP_K = "SELECT a.id, " + CompatibleSql.SCORE_CODES_INLINE + " AS score FROM agent a "
            + CompatibleSql.COMMON
            + " WHERE a.id = ANY(CAST(? AS bigint[]))"
            + " ORDER BY score DESC, a.id LIMIT ?";

    private final DataSource logical;
    private final List<HikariDataSource> shards;

    ShardingSphereSystem(DataSource logical, List<HikariDataSource> shards, LongSupplier ids, Clock clock) {
        super(logical, new SocialSql(SocialSql.ArrayBinding.JAVA_ARRAY), ids, clock);
        this.logical = logical;
        this.shards = List.copyOf(shards);
    }

    @Override
    public String name() {
        return LoadSystems.SHARDINGSPHERE;
    }

    @Override
    public List<Long> feed(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        List<Long> friends = Tx.autoCommit(logical, c -> SocialSql.longs(c, SocialSql.FRIEND_IDS, agentId));
        if (friends.isEmpty()) {
            return List.of();
        }
        // Placeholders only: one per friend; the ids are bound.
        String in = String.join(", ", Collections.nCopies(friends.size(), "?"));
        return Tx.autoCommit(logical, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SocialSql.INTERACTION_COLUMNS
                    + " FROM interaction WHERE initiator_id IN (" + in + ")"
                    + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                for (long friend : friends) {
                    ps.setLong(i++, friend);
                }
                ps.setInt(i, limit);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong("id"));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Long> friendList(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        return Tx.autoCommit(logical, c -> SocialSql.friendList(c, agentId, limit));
    }

    @Override
    public List<Long> compatibleAgents(long agentId, int limit) throws SQLException {
        return rankCompatible(agentId, limit, (c, seeker, excluded) -> {
            List<Long> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
                CompatibleSql.bindCandidates(
                        ps, 1, sql, c, seeker, excluded, Math.max(CompatibleSql.PER_SHARD * shards.size(), limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getLong(1));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement(TOP_K)) {
                int i = CompatibleSql.bindScore(ps, 1, sql, c, seeker, clock, false);
                sql.bindArray(ps, i++, c, "int4", seeker.interests());
                sql.bindArray(ps, i++, c, "int8", candidates.toArray(new Long[0]));
                ps.setInt(i, limit);
                return CompatibleSql.scored(ps).stream()
                        .map(CompatibleSql.Scored::id)
                        .toList();
            }
        });
    }

    /**
     * Deactivates in one logical transaction. The repository's per-shard statement hides edges and
     * drops counts in one CTE ({@code UPDATE … RETURNING}), which ShardingSphere cannot route; here it is
     * three statements routed by the friends' ids: the friends whose count drops, the hiding, the counts.
     */
    @Override
    public void deactivateAgent(long agentId) throws SQLException {
        Instant now = now();
        Tx.inTransaction(logical, c -> {
            if (!SocialSql.deactivate(c, agentId)) {
                return null;
            }
            List<Long> peers = SocialSql.peers(c, agentId);
            if (peers.isEmpty()) {
                return null;
            }
            String in = String.join(", ", Collections.nCopies(peers.size(), "?"));
            List<Object> params = new ArrayList<>(peers.size() + 2);
            params.add(agentId);
            params.addAll(peers);
            List<Long> counted = SocialSql.longs(
                    c,
                    "SELECT agent_id FROM friendship WHERE friend_id = ? AND agent_id IN (" + in + ")"
                            + " AND peer_active AND status = 'accepted'",
                    params.toArray());
            List<Object> hide = new ArrayList<>(peers.size() + 2);
            hide.add(SocialSql.at(now));
            hide.addAll(params);
            SocialSql.update(
                    c,
                    "UPDATE friendship SET peer_active = false, updated_at = ? WHERE friend_id = ? AND agent_id IN ("
                            + in + ") AND peer_active",
                    hide.toArray());
            if (!counted.isEmpty()) {
                SocialSql.update(
                        c,
                        "UPDATE agent SET friend_count = friend_count - 1 WHERE id IN ("
                                + String.join(", ", Collections.nCopies(counted.size(), "?")) + ")",
                        counted.toArray());
            }
            return null;
        });
    }

    @Override
    public void close() throws Exception {
        try {
            if (logical instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            for (HikariDataSource shard : shards) {
                shard.close();
            }
        }
    }
}
