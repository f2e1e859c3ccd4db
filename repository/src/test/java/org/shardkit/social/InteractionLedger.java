package org.shardkit.social;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;

/**
 * What the database holds of interactions, read from every shard, and the checks the write tests
 * share: each interaction has its inbox copy, and every friendship edge's count, strength and last
 * interaction equal a recount of the rows.
 */
final class InteractionLedger {
    /** Every interaction id on any shard, with how many rows carry it. */
    final Map<Long, Integer> sent = new HashMap<>();
    /** Every inbox copy's id on any shard, with how many rows carry it. */
    final Map<Long, Integer> inbox = new HashMap<>();
    /** Edges whose figures differ from the recount: empty when all agree. */
    final List<String> wrongEdges = new ArrayList<>();

    private InteractionLedger() {}

    static InteractionLedger read(ShardedDatabase db) {
        InteractionLedger l = new InteractionLedger();
        for (ShardId s : db.shardIds()) {
            db.withShardId(s, h -> {
                h.createQuery("SELECT id FROM interaction")
                        .mapTo(Long.class)
                        .forEach(id -> l.sent.merge(id, 1, Integer::sum));
                h.createQuery("SELECT id FROM interaction_inbox")
                        .mapTo(Long.class)
                        .forEach(id -> l.inbox.merge(id, 1, Integer::sum));
                // An edge on this shard counts what its agent sent to the friend and received from it.
                h.createQuery("SELECT f.agent_id, f.friend_id, f.interaction_count, f.strength_level,"
                                + " (SELECT count(*) FROM interaction i WHERE i.initiator_id = f.agent_id"
                                + "   AND i.recipient_id = f.friend_id)"
                                + " + (SELECT count(*) FROM interaction_inbox x WHERE x.recipient_id = f.agent_id"
                                + "   AND x.initiator_id = f.friend_id) AS recount"
                                + " FROM friendship f WHERE f.status = 'accepted'")
                        .map((rs, ctx) -> {
                            long count = rs.getLong("recount");
                            int strength = (int) Math.min(100, Math.floor(20 * Math.log(1 + count)));
                            if (rs.getLong("interaction_count") != count || rs.getInt("strength_level") != strength) {
                                return s + " edge " + rs.getLong(1) + "->" + rs.getLong(2) + ": count "
                                        + rs.getLong("interaction_count") + " strength " + rs.getInt("strength_level")
                                        + ", recount " + count + " strength " + strength;
                            }
                            return "";
                        })
                        .forEach(wrong -> {
                            if (!wrong.isEmpty()) {
                                l.wrongEdges.add(wrong);
                            }
                        });
                return Boolean.TRUE;
            });
        }
        return l;
    }
}
