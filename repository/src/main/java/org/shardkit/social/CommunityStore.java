package org.shardkit.social;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * Communities: the community row (with its member count) and its member rows on the community's
 * shard, which decides every join and leave; the agent's own list of communities on the agent's
 * shard, mirrored idempotently. Thread-safe.
 */
final class CommunityStore {
    static final String KIND = "social.membership";
    private static final String JOIN = "join";
    private static final String LEAVE = "leave";

    private final ShardedDatabase db;
    private final CrossShardWriter writer;
    private final Cursors cursors;
    private final Clock clock;

    CommunityStore(ShardedDatabase db, CrossShardWriter writer, Cursors cursors, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** Creates a community whose first member is its owner. */
    Community create(long owner, String name, String description) {
        precheck(owner);
        long id = db.ids().nextId();
        Instant now = Times.now(clock);
        Community c = new Community(id, name, description, owner, 1, now);
        return writer.write(KIND, ShardKey.of(id), ShardKey.of(owner), h -> {
            h.createUpdate("INSERT INTO community (id, name, description, owner_id, member_count, created_at)"
                            + " VALUES (:id, :name, :description, :owner, 0, :at)")
                    .bind("id", id)
                    .bind("name", name)
                    .bind("description", description)
                    .bind("owner", owner)
                    .bind("at", Times.bind(now))
                    .execute();
            return new CrossShardWriter.Decision<>(c, join(h, owner, id, now));
        });
    }

    Optional<Community> find(long id) {
        InputRules.id("communityId", id);
        return db.withReadOnly(
                ShardKey.of(id),
                h -> h.createQuery("SELECT " + Rows.COMMUNITY_COLUMNS + " FROM community WHERE id = :id")
                        .bind("id", id)
                        .map(Rows.COMMUNITY)
                        .findOne());
    }

    void join(long agentId, long communityId) {
        precheck(agentId);
        InputRules.id("communityId", communityId);
        writer.write(KIND, ShardKey.of(communityId), ShardKey.of(agentId), h -> {
            lock(h, communityId);
            return new CrossShardWriter.Decision<>(Boolean.TRUE, join(h, agentId, communityId, Times.now(clock)));
        });
    }

    void leave(long agentId, long communityId) {
        InputRules.id("agentId", agentId);
        InputRules.id("communityId", communityId);
        writer.write(KIND, ShardKey.of(communityId), ShardKey.of(agentId), h -> {
            lock(h, communityId);
            int removed = h.createUpdate("DELETE FROM community_member WHERE community_id = :c AND agent_id = :a")
                    .bind("c", communityId)
                    .bind("a", agentId)
                    .execute();
            if (removed == 0) {
                throw new MembershipException(agentId, communityId, false);
            }
            members(h, communityId, -1);
            return new CrossShardWriter.Decision<>(Boolean.TRUE, Payload.of(LEAVE, agentId, communityId, 0));
        });
    }

    /** Adds the member row and counts it; returns the message for the agent's side. */
    private String join(Handle h, long agentId, long communityId, Instant now) {
        int added = h.createUpdate("INSERT INTO community_member (community_id, agent_id, joined_at)"
                        + " VALUES (:c, :a, :at) ON CONFLICT DO NOTHING")
                .bind("c", communityId)
                .bind("a", agentId)
                .bind("at", Times.bind(now))
                .execute();
        if (added == 0) {
            throw new MembershipException(agentId, communityId, true);
        }
        members(h, communityId, 1);
        return Payload.of(JOIN, agentId, communityId, Times.micros(now));
    }

    private static void members(Handle h, long communityId, int delta) {
        h.createUpdate("UPDATE community SET member_count = member_count + :d WHERE id = :c")
                .bind("d", delta)
                .bind("c", communityId)
                .execute();
    }

    private static void lock(Handle h, long communityId) {
        if (h.createQuery("SELECT id FROM community WHERE id = :id FOR UPDATE")
                .bind("id", communityId)
                .mapTo(Long.class)
                .findOne()
                .isEmpty()) {
            throw new CommunityNotFoundException(communityId);
        }
    }

    private void precheck(long agentId) {
        InputRules.id("agentId", agentId);
        if (writer.mode() != CrossShardMode.TWO_PHASE_COMMIT) {
            AgentRows.requireActive(db, agentId);
        }
    }

    /** Applies a membership on the agent's shard. Idempotent. */
    static void applyMembership(Handle h, String payload, boolean relayed) {
        Payload p = Payload.parse(payload);
        String op = p.next();
        long agent = p.nextLong();
        long community = p.nextLong();
        Instant at = Times.ofMicros(p.nextLong());
        if (op.equals(JOIN)) {
            if (!relayed) {
                AgentRows.shareActive(h, agent);
            }
            h.createUpdate("INSERT INTO agent_community (agent_id, community_id, joined_at) VALUES (:a, :c, :at)"
                            + " ON CONFLICT DO NOTHING")
                    .bind("a", agent)
                    .bind("c", community)
                    .bind("at", Times.bind(at))
                    .execute();
        } else {
            h.createUpdate("DELETE FROM agent_community WHERE agent_id = :a AND community_id = :c")
                    .bind("a", agent)
                    .bind("c", community)
                    .execute();
        }
    }

    /** A keyset page of a community's member ids, ascending, from the community's shard. */
    Page<Long> members(long communityId, int limit, @Nullable String cursor) {
        InputRules.id("communityId", communityId);
        Cursors.Position after = cursors.decode(cursor, Cursors.List.MEMBERS, communityId);
        List<Long> ids = db.withReadOnly(ShardKey.of(communityId), h -> {
            List<Long> found = ids(
                    h,
                    "SELECT agent_id FROM community_member WHERE community_id = :owner"
                            + " AND agent_id > :after ORDER BY agent_id LIMIT :n",
                    communityId,
                    after,
                    limit);
            if (found.isEmpty()
                    && after == null
                    && h.createQuery("SELECT count(*) FROM community WHERE id = :id")
                                    .bind("id", communityId)
                                    .mapTo(Long.class)
                                    .one()
                            == 0) {
                throw new CommunityNotFoundException(communityId);
            }
            return found;
        });
        return page(ids, limit, Cursors.List.MEMBERS, communityId);
    }

    /** A keyset page of an agent's community ids, ascending, from the agent's shard. */
    Page<Long> communitiesOf(long agentId, int limit, @Nullable String cursor) {
        InputRules.id("agentId", agentId);
        Cursors.Position after = cursors.decode(cursor, Cursors.List.COMMUNITIES, agentId);
        List<Long> ids = db.withReadOnly(
                ShardKey.of(agentId),
                h -> ids(
                        h,
                        "SELECT community_id FROM agent_community"
                                + " WHERE agent_id = :owner AND community_id > :after ORDER BY community_id LIMIT :n",
                        agentId,
                        after,
                        limit));
        return page(ids, limit, Cursors.List.COMMUNITIES, agentId);
    }

    private static List<Long> ids(Handle h, String sql, long owner, Cursors.@Nullable Position after, int limit) {
        return h.createQuery(sql)
                .bind("owner", owner)
                .bind("after", after == null ? Long.MIN_VALUE : after.id())
                .bind("n", limit + 1)
                .mapTo(Long.class)
                .list();
    }

    private Page<Long> page(List<Long> ids, int limit, Cursors.List list, long owner) {
        if (ids.size() <= limit) {
            return new Page<>(ids, null);
        }
        return new Page<>(ids.subList(0, limit), cursors.encode(list, owner, 0L, ids.get(limit - 1)));
    }
}
