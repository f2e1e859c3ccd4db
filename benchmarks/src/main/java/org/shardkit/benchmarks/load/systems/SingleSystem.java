package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.social.NewAgent;

/**
 * {@code single}: one PostgreSQL server holding all the data, the repository's schema and statements
 * without sharding, plain JDBC on one HikariCP pool: the price of sharding on one machine.
 *
 * <p>Reads issue the repository's statements once where the repository issues them per shard (the
 * feed's {@code LATERAL} statement over all friends, the compatible agents' top-k over the one
 * table). Writes are one local transaction per call where the repository needs two shards (two-phase
 * commit or outbox). Interactions are committed per call, as the repository's synchronous {@code
 * recordInteractionNow} path would on one server: batching and journaling are features of shardkit's
 * write queue, not of sharding, and an unsharded application has neither unless it builds them; with
 * many callers PostgreSQL's group commit still shares WAL flushes between their commits. So the
 * harness's {@code record_interaction} compares shardkit's queue with a plain commit, and its read
 * operations compare sharded with unsharded statements. Thread-safe.
 */
final class SingleSystem implements LoadSystem {
    private final HikariDataSource pool;
    private final LongSupplier ids;
    private final Clock clock;
    private final SocialSql sql = new SocialSql(SocialSql.ArrayBinding.CREATE_ARRAY_OF);

    SingleSystem(HikariDataSource pool, LongSupplier ids, Clock clock) {
        this.pool = pool;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return LoadSystems.SINGLE;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        Limit.require(limit);
        return Tx.autoCommit(pool, c -> {
            CompatibleSql.Seeker seeker = CompatibleSql.seeker(c, agentId);
            if (seeker.interests().length == 0) {
                return List.of();
            }
            List<Long> excluded = CompatibleSql.excluded(c, agentId);
            return CompatibleSql.best(CompatibleSql.topK(sql, c, seeker, excluded, limit, clock), limit);
        });
    }

    @Override
    public long createAgent(NewAgent agent) throws SQLException {
        AgentDraft draft = AgentDraft.of(agent);
        long id = ids.getAsLong();
        Instant now = now();
        return Tx.inTransaction(pool, c -> {
            if (!SocialSql.claimHandle(c, draft.handle(), id)) {
                throw new IllegalStateException("handle '" + draft.handle() + "' is taken");
            }
            sql.insertAgent(c, id, draft, now);
            return id;
        });
    }

    @Override
    public void recordInteraction(long initiatorId, long recipientId, String content) throws SQLException {
        Objects.requireNonNull(content, "content");
        long id = ids.getAsLong();
        Instant at = now();
        Tx.inTransaction(pool, c -> {
            // The initiator's side, as InteractionStore.record: active, not blocked, the row, its edge.
            if (!SocialSql.touch(c, initiatorId, at)) {
                throw new IllegalArgumentException("no active agent " + initiatorId);
            }
            SocialSql.refuseBlocked(c, initiatorId, recipientId);
            SocialSql.insertInteraction(c, id, initiatorId, recipientId, content, at);
            SocialSql.countInteraction(c, initiatorId, recipientId, at);
            // The recipient's side, as InteractionStore.applyInbox: active, the copy, its edge.
            SocialSql.requireActive(c, recipientId, false);
            SocialSql.refuseBlocked(c, recipientId, initiatorId);
            SocialSql.insertInbox(c, id, initiatorId, recipientId, content, at);
            SocialSql.countInteraction(c, recipientId, initiatorId, at);
            return null;
        });
    }

    @Override
    public void requestFriendship(long fromId, long toId) throws SQLException {
        changePair(fromId, toId, (by, other, edge) -> PairState.request(by, other, edge));
    }

    @Override
    public void acceptFriendship(long agentId, long requesterId) throws SQLException {
        changePair(agentId, requesterId, (by, other, edge) -> PairState.accept(by, other, edge));
    }

    @Override
    public void removeFriend(long agentId, long friendId) throws SQLException {
        changePair(agentId, friendId, (by, other, edge) -> {
            PairState.remove(by, other, edge);
            return null;
        });
    }

    /**
     * Changes a pair in one transaction, as FriendshipStore does on the lower id's shard: both agents
     * locked and active, the state decided from the lower side's row, both rows and counts written.
     */
    private void changePair(long by, long other, PairState.Transition transition) throws SQLException {
        if (by == other) {
            throw new IllegalArgumentException("an agent cannot befriend itself: " + by);
        }
        long low = Math.min(by, other);
        long high = Math.max(by, other);
        Instant now = now();
        Tx.inTransaction(pool, c -> {
            SocialSql.requireActive(c, low, true);
            SocialSql.requireActive(c, high, true);
            PairState next = transition.next(by, other, SocialSql.edge(c, low, high));
            long version = ChronoUnit.MICROS.between(Instant.EPOCH, now);
            SocialSql.writeSide(c, low, high, next, version, now);
            SocialSql.writeSide(c, high, low, next, version, now);
            return null;
        });
    }

    @Override
    public boolean getAgent(long agentId) throws SQLException {
        return Tx.autoCommit(pool, c -> SocialSql.agentExists(c, agentId));
    }

    @Override
    public void updateAgent(long agentId, String bio) throws SQLException {
        Objects.requireNonNull(bio, "bio");
        Tx.autoCommit(pool, c -> {
            SocialSql.updateBio(c, agentId, bio);
            return null;
        });
    }

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
    public int friendCount(long agentId) throws SQLException {
        return Tx.autoCommit(pool, c -> SocialSql.friendCount(c, agentId));
    }

    @Override
    public int friendships(long agentId, List<Long> otherIds) throws SQLException {
        return Tx.autoCommit(pool, c -> sql.countFriendships(c, agentId, otherIds));
    }

    @Override
    public void close() {
        pool.close();
    }
}
