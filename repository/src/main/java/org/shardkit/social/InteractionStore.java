package org.shardkit.social;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * Interactions: the row on the initiator's shard, the inbox copy on the recipient's; each side
 * also counts the interaction on its row of the pair's friendship (interaction count, strength,
 * last interaction), so both rows carry the pair's figures. The inbox copy is applied once: its
 * insert is keyed by the interaction's id, and the counters move only when it inserted. Thread-safe.
 */
final class InteractionStore {
    static final String KIND = "social.interaction";

    private final ShardedDatabase db;
    private final CrossShardWriter writer;
    private final Cursors cursors;
    private final Clock clock;

    InteractionStore(ShardedDatabase db, CrossShardWriter writer, Cursors cursors, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.cursors = cursors;
        this.clock = clock;
    }

    /**
     * Checks an interaction's arguments and gives it its id and time, for either way of recording it.
     *
     * @throws InvalidInputException naming the bad argument
     */
    Interaction draft(long initiator, long recipient, InteractionType type, InputRules rules, String content) {
        InputRules.distinct("recipientId", initiator, recipient);
        InputRules.required("type", type);
        String text = rules.content(content);
        return new Interaction(db.ids().nextId(), initiator, recipient, type, text, Times.now(clock));
    }

    /** Records a drafted interaction in one cross-shard write. */
    Interaction record(Interaction it) {
        long initiator = it.initiatorId();
        long recipient = it.recipientId();
        InteractionType type = it.type();
        String content = it.content();
        if (writer.mode() == CrossShardMode.OUTBOX) {
            AgentRows.requireActive(db, recipient);
        }
        String inbox = Payload.of(it.id(), initiator, recipient, type.code(), content, Times.micros(it.createdAt()));
        return writer.writeKnown(
                KIND, ShardKey.of(initiator), initiator, ShardKey.of(recipient), recipient, inbox, h -> {
                    int active = h.createUpdate("UPDATE agent SET last_active_at = GREATEST(last_active_at, :at)"
                                    + " WHERE id = :id AND status = 'active'")
                            .bind("at", Times.bind(it.createdAt()))
                            .bind("id", initiator)
                            .execute();
                    if (active == 0) {
                        throw AgentRows.missing(h, initiator);
                    }
                    String status = h.createQuery(
                                    "SELECT status FROM friendship WHERE agent_id = :a AND friend_id = :f")
                            .bind("a", initiator)
                            .bind("f", recipient)
                            .mapTo(String.class)
                            .findOne()
                            .orElse("");
                    if (status.equals(FriendshipStatus.BLOCKED.code())) {
                        throw new FriendshipStateException(
                                "interact", initiator, recipient, FriendshipStatus.BLOCKED, "the pair is blocked");
                    }
                    h.createUpdate("INSERT INTO interaction (id, initiator_id, recipient_id, type, content, created_at)"
                                    + " VALUES (:id, :i, :r, :type, :content, :at)")
                            .bind("id", it.id())
                            .bind("i", initiator)
                            .bind("r", recipient)
                            .bind("type", type.code())
                            .bind("content", content)
                            .bind("at", Times.bind(it.createdAt()))
                            .execute();
                    count(h, initiator, recipient, it.createdAt());
                    return it;
                });
    }

    /** Applies an inbox copy on the recipient's shard. Idempotent. */
    static void applyInbox(Handle h, String payload, boolean relayed) {
        Payload p = Payload.parse(payload);
        long id = p.nextLong();
        long initiator = p.nextLong();
        long recipient = p.nextLong();
        String type = p.next();
        String content = p.next();
        Instant at = Times.ofMicros(p.nextLong());
        if (!relayed) {
            AgentRows.shareActive(h, recipient);
        }
        boolean blocked = h.createQuery(
                        "SELECT status = 'blocked' FROM friendship WHERE agent_id = :r AND friend_id = :i")
                .bind("r", recipient)
                .bind("i", initiator)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false);
        if (blocked) {
            // The recipient's row says blocked (the initiator's side had not heard yet): no copy.
            return;
        }
        int inserted = h.createUpdate("INSERT INTO interaction_inbox (id, recipient_id, initiator_id, type, content,"
                        + " created_at) VALUES (:id, :r, :i, :type, :content, :at) ON CONFLICT (id) DO NOTHING")
                .bind("id", id)
                .bind("r", recipient)
                .bind("i", initiator)
                .bind("type", type)
                .bind("content", content)
                .bind("at", Times.bind(at))
                .execute();
        if (inserted == 1) {
            count(h, recipient, initiator, at);
        }
    }

    /** Counts an interaction on one side's row of an accepted friendship; strength grows with the log of the count. */
    private static void count(Handle h, long agent, long friend, Instant at) {
        h.createUpdate("UPDATE friendship SET interaction_count = interaction_count + 1,"
                        + " strength_level = LEAST(100, floor(20 * ln(2 + interaction_count))::integer),"
                        + " last_interaction_at = GREATEST(COALESCE(last_interaction_at, :at), :at)"
                        + " WHERE agent_id = :a AND friend_id = :f AND status = 'accepted'")
                .bind("a", agent)
                .bind("f", friend)
                .bind("at", Times.bind(at))
                .execute();
    }

    /** A page of the interactions an agent initiated, newest first, from its shard. */
    Page<Interaction> sent(long agentId, int limit, @org.jspecify.annotations.Nullable String cursor) {
        return page("interaction", "initiator_id", Cursors.List.SENT, agentId, limit, cursor);
    }

    /** A page of the interactions an agent received, newest first, from its shard's inbox. */
    Page<Interaction> received(long agentId, int limit, @org.jspecify.annotations.Nullable String cursor) {
        return page("interaction_inbox", "recipient_id", Cursors.List.RECEIVED, agentId, limit, cursor);
    }

    private Page<Interaction> page(
            String table,
            String owner,
            Cursors.List list,
            long agentId,
            int limit,
            @org.jspecify.annotations.Nullable String cursor) {
        Cursors.Position after = cursors.decode(cursor, list, agentId);
        String sql = "SELECT " + Rows.INTERACTION_COLUMNS + " FROM " + table + " WHERE " + owner + " = :agent"
                + (after == null ? "" : " AND (created_at, id) < (:at, :id)")
                + " ORDER BY created_at DESC, id DESC LIMIT :n";
        List<Interaction> rows = db.withReadOnly(ShardKey.of(agentId), h -> {
            var q = h.createQuery(sql).bind("agent", agentId).bind("n", limit + 1);
            if (after != null) {
                q.bind("at", Times.bind(Times.ofMicros(after.micros()))).bind("id", after.id());
            }
            List<Interaction> found = q.map(Rows.INTERACTION).list();
            if (found.isEmpty() && after == null && AgentRows.find(h, agentId).isEmpty()) {
                throw new AgentNotFoundException(agentId, false);
            }
            return found;
        });
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Interaction last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), cursors.encode(list, agentId, last.createdAt(), last.id()));
    }
}
