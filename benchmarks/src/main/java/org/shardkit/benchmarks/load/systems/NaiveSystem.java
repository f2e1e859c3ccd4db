package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.routing.KeyHash;
import org.shardkit.social.NewAgent;

/**
 * {@code naive}: the seed's original code (shared/seeds, "百万Agent数据库扩展性与性能优化实践": {@code
 * get_agent_feed}, {@code record_interaction}, {@code ShardedAgentRepository}) translated to plain
 * JDBC over one HikariCP pool per shard, placing rows as its {@code ShardStrategy} does ({@code
 * agent_id % num_shards}). Translated, not improved: the feed reads the friends, then each friend's
 * recent interactions with a query of its own (N+1); an interaction is committed, then its
 * friendship update is committed again; the compatible agents loop over the shards one after the
 * other. Where our schema forces a change the code says so ("schema:"). Where the seed does not show
 * a step (friend requests, deactivation) it is written in the seed's habits: read, change one row,
 * commit, per row. It checks no rules the seed does not check. Thread-safe.
 */
final class NaiveSystem implements LoadSystem {
    private final List<HikariDataSource> shards;
    private final LongSupplier ids;
    private final Clock clock;
    private final SocialSql sql = new SocialSql(SocialSql.ArrayBinding.CREATE_ARRAY_OF);

    /** A feed item as the seed sorts them: by time, newest first (and by id, see {@link #feed}). */
    private record Item(long id, Instant createdAt) {}

    private static final Comparator<Item> NEWEST_FIRST =
            Comparator.comparing(Item::createdAt).thenComparingLong(Item::id).reversed();

    NaiveSystem(List<HikariDataSource> shards, LongSupplier ids, Clock clock) {
        this.shards = List.copyOf(shards);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return LoadSystems.NAIVE;
    }

    /** The seed's {@code ShardStrategy.get_shard_id}: {@code agent_id % num_shards}. */
    private DataSource shard(long agentId) {
        return shards.get(Math.floorMod(agentId, shards.size()));
    }

    /** schema: a handle's lookup row is on the shard of the handle's hash, where shardkit put it. */
    private DataSource handleShard(String handle) {
        return shards.get(Math.floorMod(KeyHash.hash(handle), shards.size()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The seed's {@code get_agent_feed}: {@code get_by_id}, {@code get_friends}, then for each friend
     * {@code get_recent_interactions(friend.id, limit)}, each a query in a session of its own on the
     * friend's shard; then sort and cut. The seed sorts by timestamp only; ties are broken by id here
     * so that every system returns the same list.
     */
    @Override
    public List<Long> feed(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        getAgent(agentId); // agent = self.get_by_id(agent_id): read, then unused, as in the seed
        List<Long> friends = Tx.autoCommit(shard(agentId), c -> {
            // schema: both directions of a friendship are rows on the agent's shard, so the seed's
            // two-way lookup (initiator_id or recipient_id) is one query.
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SocialSql.FRIENDSHIP_COLUMNS
                    + " FROM friendship WHERE agent_id = ? AND status = 'accepted' AND peer_active")) {
                ps.setLong(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("friend_id"));
                    }
                }
            }
            return ids;
        });
        List<Item> items = new ArrayList<>();
        for (long friend : friends) {
            items.addAll(recentInteractions(friend, limit));
        }
        items.sort(NEWEST_FIRST);
        return items.stream().limit(limit).map(Item::id).toList();
    }

    /** The seed's {@code get_recent_interactions(friend_id, limit)}: one query on the friend's shard. */
    private List<Item> recentInteractions(long friend, int limit) throws SQLException {
        return Tx.autoCommit(shard(friend), c -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SocialSql.INTERACTION_COLUMNS
                    + " FROM interaction WHERE initiator_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setLong(1, friend);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Item(
                                rs.getLong("id"),
                                rs.getObject("created_at", OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** The seed's friend list: its friends, strongest first, on its shard (the query the repository issues). */
    @Override
    public List<Long> friendList(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        return Tx.autoCommit(shard(agentId), c -> SocialSql.friendList(c, agentId, limit));
    }

    /**
     * The seed's {@code find_compatible_agents}: for each shard in turn, {@code
     * _find_compatible_in_shard(session, target, limit)}, then sort all by score and cut. The seed does
     * not show {@code _find_compatible_in_shard}; it is the repository's per-shard statement here (same
     * score, same exclusions, read once from the target's shard), so the only difference from shardkit
     * is the sequential loop. Ties are broken by the lower id, as the repository does.
     */
    @Override
    public List<Long> compatibleAgents(long agentId, int limit) throws SQLException {
        Limit.require(limit);
        CompatibleSql.Seeker seeker = Tx.autoCommit(shard(agentId), c -> CompatibleSql.seeker(c, agentId));
        if (seeker.interests().length == 0) {
            return List.of();
        }
        List<Long> excluded = Tx.autoCommit(shard(agentId), c -> CompatibleSql.excluded(c, agentId));
        List<CompatibleSql.Scored> all = new ArrayList<>();
        for (HikariDataSource shard : shards) {
            all.addAll(Tx.autoCommit(
                    shard,
                    c -> CompatibleSql.topK(
                            sql, c, seeker, excluded, Math.max(CompatibleSql.PER_SHARD, limit), limit, clock)));
        }
        return CompatibleSql.best(all, limit);
    }

    /**
     * The seed's {@code ShardedAgentRepository.create}: a global id (snowflake), then the agent on its
     * shard, committed. schema: the handle's lookup row is claimed first, committed on its own shard
     * (the seed's per-shard unique index could not keep handles unique across shards).
     */
    @Override
    public long createAgent(NewAgent agent) throws SQLException {
        AgentDraft draft = AgentDraft.of(agent);
        long id = ids.getAsLong();
        Instant now = now();
        boolean claimed = Tx.autoCommit(handleShard(draft.handle()), c -> SocialSql.claimHandle(c, draft.handle(), id));
        if (!claimed) {
            throw new IllegalStateException("handle '" + draft.handle() + "' is taken");
        }
        Tx.autoCommit(shard(id), c -> {
            sql.insertAgent(c, id, draft, now);
            return null;
        });
        return id;
    }

    /**
     * The seed's {@code record_interaction}: add the interaction and commit; then {@code
     * get_friendship}, and if there is one, {@code friendship.record_interaction()} and commit again.
     */
    @Override
    public void recordInteraction(long initiatorId, long recipientId, String content) throws SQLException {
        Objects.requireNonNull(content, "content");
        long id = ids.getAsLong();
        Instant at = now();
        // self.session.add(interaction); self.session.commit()
        // schema: the initiator's last activity (the compatibility score's recency) moves in that commit.
        Tx.inTransaction(shard(initiatorId), c -> {
            SocialSql.insertInteraction(c, id, initiatorId, recipientId, content, at);
            SocialSql.touch(c, initiatorId, at);
            return null;
        });
        // schema: the recipient's inbox copy lives on its own shard, another commit.
        Tx.autoCommit(shard(recipientId), c -> {
            SocialSql.insertInbox(c, id, initiatorId, recipientId, content, at);
            return null;
        });
        // friendship = self.get_friendship(initiator_id, recipient_id)
        SocialSql.Edge friendship = Tx.autoCommit(shard(initiatorId), c -> SocialSql.edge(c, initiatorId, recipientId));
        if (friendship != null) {
            // friendship.record_interaction(); self.session.commit()
            Tx.autoCommit(shard(initiatorId), c -> {
                SocialSql.countInteraction(c, initiatorId, recipientId, at);
                return null;
            });
            // schema: the pair's other row, on the recipient's shard, is another commit.
            Tx.autoCommit(shard(recipientId), c -> {
                SocialSql.countInteraction(c, recipientId, initiatorId, at);
                return null;
            });
        }
    }

    @Override
    public void requestFriendship(long fromId, long toId) throws SQLException {
        changePair(fromId, toId, PairState::request);
    }

    @Override
    public void acceptFriendship(long agentId, long requesterId) throws SQLException {
        changePair(agentId, requesterId, PairState::accept);
    }

    @Override
    public void removeFriend(long agentId, long friendId) throws SQLException {
        changePair(agentId, friendId, PairState::removal);
    }

    /**
     * A friendship change in the seed's habits: {@code get_friendship} on the agent's shard, then each
     * row updated and committed on its own shard, one commit per row (schema: with its agent's friend
     * count in the same commit). No lock: two concurrent changes of a pair can interleave, as in the seed.
     */
    private void changePair(long by, long other, PairState.Transition transition) throws SQLException {
        PairState.requireTwo(by, other);
        Instant now = now();
        long version = PairState.version(now);
        SocialSql.Edge current = Tx.autoCommit(shard(by), c -> SocialSql.edge(c, by, other));
        PairState next = transition.next(by, other, current);
        Tx.inTransaction(shard(by), c -> {
            SocialSql.writeSide(c, by, other, next, version, now);
            return null;
        });
        Tx.inTransaction(shard(other), c -> {
            SocialSql.writeSide(c, other, by, next, version, now);
            return null;
        });
    }

    /** The seed's {@code get_by_id}: the agent's row, from its shard. */
    @Override
    public boolean getAgent(long agentId) throws SQLException {
        return Tx.autoCommit(shard(agentId), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM agent WHERE id = ?")) {
                ps.setLong(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The seed's {@code update}: read the agent, set the field, commit (one session on its shard). */
    @Override
    public void updateAgent(long agentId, String bio) throws SQLException {
        Objects.requireNonNull(bio, "bio");
        Tx.inTransaction(shard(agentId), c -> {
            if (!SocialSql.agentExists(c, agentId)) {
                throw new IllegalArgumentException("agent " + agentId + " does not exist");
            }
            SocialSql.updateBio(c, agentId, bio);
            return null;
        });
    }

    /**
     * Not in the seed; in its habits: the agent's row committed, then each friend's row hidden (and its
     * count dropped) and committed on that friend's shard, one friend at a time.
     */
    @Override
    public void deactivateAgent(long agentId) throws SQLException {
        Instant now = now();
        boolean changed = Tx.autoCommit(shard(agentId), c -> SocialSql.deactivate(c, agentId));
        if (!changed) {
            return;
        }
        List<Long> peers = Tx.autoCommit(shard(agentId), c -> SocialSql.peers(c, agentId));
        for (long peer : peers) {
            Tx.inTransaction(shard(peer), c -> {
                sql.hideEdges(c, agentId, List.of(peer), now);
                return null;
            });
        }
    }

    @Override
    public int friendCount(long agentId) throws SQLException {
        return Tx.autoCommit(shard(agentId), c -> SocialSql.friendCount(c, agentId));
    }

    @Override
    public int friendships(long agentId, List<Long> otherIds) throws SQLException {
        return Tx.autoCommit(shard(agentId), c -> sql.countFriendships(c, agentId, otherIds));
    }

    @Override
    public void close() {
        for (HikariDataSource shard : shards) {
            shard.close();
        }
    }
}
