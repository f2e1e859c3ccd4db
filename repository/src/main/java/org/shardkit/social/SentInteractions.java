package org.shardkit.social;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardkit.core.ShardId;
import org.shardkit.core.batch.BatchSink;
import org.shardkit.core.batch.BatchTable;
import org.shardkit.core.batch.Refusals;

/**
 * The first stage of a queued interaction, on its initiator's shard: the rules (initiator active, the
 * pair not blocked, a friend not deactivated, as the initiator's rows show them), the interaction
 * rows by {@code COPY}, the strength of the initiator's edges, and the initiator's last activity, in
 * one transaction per batch. An interaction already there (replayed from the journal) is neither
 * refused nor counted again. Thread-safe.
 */
final class SentInteractions implements BatchSink<Interaction> {
    static final BatchTable<Interaction> TABLE = BatchTable.<Interaction>builder("interaction")
            .bigint("id", Interaction::id)
            .bigint("initiator_id", Interaction::initiatorId)
            .bigint("recipient_id", Interaction::recipientId)
            .text("type", it -> it.type().code())
            .text("content", Interaction::content)
            .timestamptz("created_at", Interaction::createdAt)
            .key("id")
            .build();

    /** The rows the rules refuse, by their 1-based position in the batch, with what the initiator's rows say. */
    private static final String REFUSED = "SELECT u.ord, a.status, f.status, f.peer_active"
            + " FROM unnest(?::int8[], ?::int8[]) WITH ORDINALITY AS u(initiator, recipient, ord)"
            + " LEFT JOIN agent a ON a.id = u.initiator"
            + " LEFT JOIN friendship f ON f.agent_id = u.initiator AND f.friend_id = u.recipient"
            + " WHERE a.status IS DISTINCT FROM 'active' OR f.status = 'blocked' OR f.peer_active IS FALSE";

    private static final String EXISTING = "SELECT id FROM interaction WHERE id = ANY(?::int8[])";

    /** Moves last activity forward only, in id order (one lock order with every other batch of the shard). */
    private static final String LAST_ACTIVE = "UPDATE agent a SET last_active_at = v.at"
            + " FROM unnest(?::int8[], ?::text[]::timestamptz[]) AS v(id, at)"
            + " WHERE a.id = v.id AND a.last_active_at < v.at";

    @Override
    public void write(Connection c, ShardId shard, List<Interaction> rows, Refusals refusals) throws SQLException {
        IndexProbes.forThisTransaction(c);
        Map<Integer, RuntimeException> refused = refusedByRules(c, rows);
        if (!refused.isEmpty()) {
            // Rows already written (a replay after the rules changed) stand: they were accepted before.
            Set<Long> there = existing(c, rows, refused.keySet());
            refused.forEach((i, why) -> {
                if (!there.contains(rows.get(i).id())) {
                    refusals.refuse(i, why);
                }
            });
        }
        List<Interaction> accepted = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!refusals.isRefused(i)) {
                accepted.add(rows.get(i));
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        BitSet inserted = TABLE.load(c, accepted);
        StrengthChanges.apply(c, accepted, inserted, Interaction::initiatorId, Interaction::recipientId);
        lastActive(c, accepted, inserted);
    }

    private static Map<Integer, RuntimeException> refusedByRules(Connection c, List<Interaction> rows)
            throws SQLException {
        Long[] initiators = new Long[rows.size()];
        Long[] recipients = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            initiators[i] = rows.get(i).initiatorId();
            recipients[i] = rows.get(i).recipientId();
        }
        Map<Integer, RuntimeException> refused = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(REFUSED)) {
            ps.setArray(1, c.createArrayOf("int8", initiators));
            ps.setArray(2, c.createArrayOf("int8", recipients));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    Interaction it = rows.get(i);
                    String agent = rs.getString(2);
                    String pair = rs.getString(3);
                    if (agent == null || !agent.equals("active")) {
                        refused.put(i, new AgentNotFoundException(it.initiatorId(), agent != null));
                    } else if (FriendshipStatus.BLOCKED.code().equals(pair)) {
                        refused.put(
                                i,
                                new FriendshipStateException(
                                        "interact",
                                        it.initiatorId(),
                                        it.recipientId(),
                                        FriendshipStatus.BLOCKED,
                                        "the pair is blocked"));
                    } else {
                        refused.put(i, new AgentNotFoundException(it.recipientId(), true));
                    }
                }
            }
        }
        return refused;
    }

    private static Set<Long> existing(Connection c, List<Interaction> rows, Set<Integer> indexes) throws SQLException {
        Long[] ids = indexes.stream().map(i -> rows.get(i).id()).toArray(Long[]::new);
        Set<Long> there = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    there.add(rs.getLong(1));
                }
            }
        }
        return there;
    }

    /** Moves each initiator's last activity to its newest new interaction of the batch: one statement. */
    private static void lastActive(Connection c, List<Interaction> rows, BitSet inserted) throws SQLException {
        Map<Long, Instant> latest = new java.util.TreeMap<>();
        for (int i = inserted.nextSetBit(0); i >= 0; i = inserted.nextSetBit(i + 1)) {
            Interaction it = rows.get(i);
            latest.merge(it.initiatorId(), it.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (latest.isEmpty()) {
            return;
        }
        Long[] ids = new Long[latest.size()];
        String[] times = new String[latest.size()];
        int k = 0;
        for (Map.Entry<Long, Instant> e : latest.entrySet()) {
            ids[k] = e.getKey();
            times[k] = e.getValue().toString();
            k++;
        }
        try (PreparedStatement ps = c.prepareStatement(LAST_ACTIVE)) {
            Array a = c.createArrayOf("int8", ids);
            Array t = c.createArrayOf("text", times);
            ps.setArray(1, a);
            ps.setArray(2, t);
            ps.executeUpdate();
        }
    }
}
