package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code single}: one PostgreSQL server holding all the data, the repository's schema and statements
 * without sharding, plain JDBC on one HikariCP pool: the price of sharding on one machine.
 *
 * <p>Reads issue the repository's statements once where the repository issues them per shard (the
 * feed's {@code LATERAL} statement over all friends, the compatible agents' top-k over the one
 * table, scoring as many candidates as the shards of the systems it is compared with score together). Writes are one local transaction per call where the repository needs two shards (two-phase
 * commit or outbox). Interactions are committed per call, as the repository's synchronous {@code
 * recordInteractionNow} path would on one server: batching and journaling are features of shardkit's
 * write queue, not of sharding, and an unsharded application has neither unless it builds them; with
 * many callers PostgreSQL's group commit still shares WAL flushes between their commits. So the
 * harness's {@code record_interaction} compares shardkit's queue with a plain commit, and its read
 * operations compare sharded with unsharded statements. Thread-safe.
 */
final class SingleSystem extends LogicalDatabaseSystem {
    private final HikariDataSource pool;
    private final int candidates;

    SingleSystem(HikariDataSource pool, int candidates, LongSupplier ids, Clock clock) {
        super(pool, new SocialSql(SocialSql.ArrayBinding.CREATE_ARRAY_OF), ids, clock);
        this.pool = pool;
        this.candidates = candidates;
    }

    @Override
    public String name() {
        return LoadSystems.SINGLE;
    }

    @Override
    public List<Long> feed(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        return Tx.autoCommit(pool, c -> {
            List<Long> friends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SocialSql.FEED_FRIENDS)) {
                ps.setLong(1, agentId);
                boolean any = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        any = true;
                        long friend = rs.getLong(1);
                        if (!rs.wasNull()) {
                            friends.add(friend);
                        }
                    }
                }
                if (!any) {
                    throw new IllegalArgumentException("agent " + agentId + " does not exist");
                }
            }
            if (friends.isEmpty()) {
                return List.of();
            }
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SocialSql.FEED_LATERAL)) {
                sql.bindArray(ps, 1, c, "int8", friends.toArray(new Long[0]));
                // The repository reads one item more than the page, to know whether a next page exists.
                ps.setInt(2, limit + 1);
                ps.setInt(3, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        out.add(rs.getLong("id"));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Long> friendList(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        return Tx.autoCommit(pool, c -> {
            List<Long> friends = SocialSql.friendList(c, agentId, limit + 1);
            if (friends.isEmpty() && !SocialSql.agentExists(c, agentId)) {
                throw new IllegalArgumentException("agent " + agentId + " does not exist");
            }
            return friends.size() > limit ? friends.subList(0, limit) : friends;
        });
    }

    @Override
    public List<Long> compatibleAgents(long agentId, int limit) throws SQLException {
        return rankCompatible(
                agentId,
                limit,
                (c, seeker, excluded) -> CompatibleSql.best(
                        CompatibleSql.topK(sql, c, seeker, excluded, Math.max(candidates, limit), limit, clock),
                        limit));
    }

    /** Deactivates in one transaction: the agent's row, then the repository's hiding of its edges. */
    @Override
    public void deactivateAgent(long agentId) throws SQLException {
        Instant now = now();
        Tx.inTransaction(pool, c -> {
            if (SocialSql.deactivate(c, agentId)) {
                List<Long> peers = SocialSql.peers(c, agentId);
                if (!peers.isEmpty()) {
                    sql.hideEdges(c, agentId, peers, now);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
