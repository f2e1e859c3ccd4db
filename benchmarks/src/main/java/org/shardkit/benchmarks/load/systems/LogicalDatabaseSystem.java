package org.shardkit.benchmarks.load.systems;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.social.NewAgent;

/**
 * The base of {@code single} and {@code shardingsphere}, the systems that run the repository's units
 * of work identically over one logical database (one server's pool, or ShardingSphere's data source
 * over the shards): each write is one local transaction with the repository's steps in the
 * repository's order, each simple read one auto-commit statement. Their shared SQL is written once
 * here; what they do differently (the feed, the compatible agents' ranking, the friend list's agent
 * check, ShardingSphere's split deactivation, closing) stays in their own classes. Thread-safe.
 */
abstract class LogicalDatabaseSystem implements LoadSystem {
    /** A ranking of the compatible agents on the connection, given the seeker and the agents to leave out. */
    @FunctionalInterface
    interface Ranking {
        List<Long> rank(Connection c, CompatibleSql.Seeker seeker, List<Long> excluded) throws SQLException;
    }

    /** The statements, with the system's way of binding arrays. */
    final SocialSql sql;
    /** The clock rows are stamped and scores computed with. */
    final Clock clock;

    private final DataSource ds;
    private final LongSupplier ids;

    LogicalDatabaseSystem(DataSource ds, SocialSql sql, LongSupplier ids, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock's instant at the repository's precision (PostgreSQL keeps microseconds). */
    final Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The compatible agents in one auto-commit session: the seeker and its exclusions read as the
     * repository reads them, then ranked by the system's own statement; none for a seeker without
     * interests.
     */
    final List<Long> rankCompatible(long agentId, int limit, Ranking ranking) throws SQLException {
        Limit.require(limit);
        return Tx.autoCommit(ds, c -> {
            CompatibleSql.Seeker seeker = CompatibleSql.seeker(c, agentId);
            if (seeker.interests().length == 0) {
                return List.of();
            }
            return ranking.rank(c, seeker, CompatibleSql.excluded(c, agentId));
        });
    }

    /** A new agent in one transaction: its handle claimed, then its row; a taken handle is refused. */
    @Override
    public final long createAgent(NewAgent agent) throws SQLException {
        AgentDraft draft = AgentDraft.of(agent);
        long id = ids.getAsLong();
        Instant now = now();
        return Tx.inTransaction(ds, c -> {
            if (!SocialSql.claimHandle(c, draft.handle(), id)) {
                throw new IllegalStateException("handle '" + draft.handle() + "' is taken");
            }
            sql.insertAgent(c, id, draft, now);
            return id;
        });
    }

    /** An interaction in one transaction: both sides of the repository's record and inbox steps. */
    @Override
    public final void recordInteraction(long initiatorId, long recipientId, String content) throws SQLException {
        Objects.requireNonNull(content, "content");
        long id = ids.getAsLong();
        Instant at = now();
        Tx.inTransaction(ds, c -> {
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

    /**
     * Changes a pair in one transaction, as FriendshipStore does on the lower id's shard: both agents
     * locked and active, the state decided from the lower side's row, both rows and counts written.
     */
    final void changePair(long by, long other, PairState.Transition transition) throws SQLException {
        PairState.requireTwo(by, other);
        long low = Math.min(by, other);
        long high = Math.max(by, other);
        Instant now = now();
        long version = PairState.version(now);
        Tx.inTransaction(ds, c -> {
            SocialSql.requireActive(c, low, true);
            SocialSql.requireActive(c, high, true);
            PairState next = transition.next(by, other, SocialSql.edge(c, low, high));
            SocialSql.writeSide(c, low, high, next, version, now);
            SocialSql.writeSide(c, high, low, next, version, now);
            return null;
        });
    }

    @Override
    public final void requestFriendship(long fromId, long toId) throws SQLException {
        changePair(fromId, toId, PairState::request);
    }

    @Override
    public final void acceptFriendship(long agentId, long requesterId) throws SQLException {
        changePair(agentId, requesterId, PairState::accept);
    }

    @Override
    public final void removeFriend(long agentId, long friendId) throws SQLException {
        changePair(agentId, friendId, PairState::removal);
    }

    /** Whether the agent's row exists. */
    @Override
    public final boolean getAgent(long agentId) throws SQLException {
        return Tx.autoCommit(ds, c -> SocialSql.agentExists(c, agentId));
    }

    /** The agent's bio replaced in one auto-commit statement. */
    @Override
    public final void updateAgent(long agentId, String bio) throws SQLException {
        Objects.requireNonNull(bio, "bio");
        Tx.autoCommit(ds, c -> {
            SocialSql.updateBio(c, agentId, bio);
            return null;
        });
    }

    /** The agent's stored friend count. */
    @Override
    public final int friendCount(long agentId) throws SQLException {
        return Tx.autoCommit(ds, c -> SocialSql.friendCount(c, agentId));
    }

    /** How many of the others are the agent's accepted friends. */
    @Override
    public final int friendships(long agentId, List<Long> otherIds) throws SQLException {
        return Tx.autoCommit(ds, c -> sql.countFriendships(c, agentId, otherIds));
    }
}
