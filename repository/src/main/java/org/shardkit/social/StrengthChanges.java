package org.shardkit.social;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A batch's friendship changes on one shard, summed per edge row (agent, friend): how many new
 * interactions and the latest time. Written by one statement, never one per interaction: each edge's
 * count grows by its sum, its strength follows the count as the synchronous path's does ({@code
 * floor(20 * ln(1 + count))}, at most 100), its last-interaction time moves forward only.
 */
final class StrengthChanges {
    /**
     * The statement: the batch's sums as a derived table of arrays (one parameter per column, so the
     * plan is prepared once whatever the batch's size), joined to the accepted edges they change.
     */
    static final String UPDATE = "UPDATE friendship f SET interaction_count = f.interaction_count + v.n,"
            + " strength_level = LEAST(100, floor(20 * ln(1 + f.interaction_count + v.n))::integer),"
            + " last_interaction_at = GREATEST(COALESCE(f.last_interaction_at, v.last), v.last)"
            + " FROM unnest(?::int8[], ?::int8[], ?::int4[], ?::text[]::timestamptz[]) AS v(agent, friend, n, last)"
            + " WHERE f.agent_id = v.agent AND f.friend_id = v.friend AND f.status = 'accepted'";

    private record Edge(long agent, long friend) {}

    private static final class Sum {
        int n;
        Instant last = Instant.MIN;
    }

    private StrengthChanges() {}

    /**
     * Sums the inserted interactions per edge of this shard's side and updates the edges.
     *
     * @param rows the batch's interactions
     * @param inserted which of them were new on this shard (only those count)
     * @param agent the side whose edge rows live on this shard (initiator or recipient)
     * @param friend the other side
     */
    static void apply(
            Connection c,
            List<Interaction> rows,
            BitSet inserted,
            ToLongFunction<Interaction> agent,
            ToLongFunction<Interaction> friend)
            throws SQLException {
        Map<Edge, Sum> sums = new HashMap<>();
        for (int i = inserted.nextSetBit(0); i >= 0; i = inserted.nextSetBit(i + 1)) {
            Interaction it = rows.get(i);
            Sum s = sums.computeIfAbsent(new Edge(agent.applyAsLong(it), friend.applyAsLong(it)), e -> new Sum());
            s.n++;
            if (it.createdAt().isAfter(s.last)) {
                s.last = it.createdAt();
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        Long[] agents = new Long[sums.size()];
        Long[] friends = new Long[sums.size()];
        Integer[] counts = new Integer[sums.size()];
        String[] lasts = new String[sums.size()];
        int k = 0;
        // In key order: the two writers of a shard update the same edge rows (one for what its agents
        // sent, one for what they received); one lock order keeps them from deadlocking each other.
        List<Map.Entry<Edge, Sum>> ordered = new java.util.ArrayList<>(sums.entrySet());
        ordered.sort(java.util.Comparator.comparingLong(
                        (Map.Entry<Edge, Sum> e) -> e.getKey().agent())
                .thenComparingLong(e -> e.getKey().friend()));
        for (Map.Entry<Edge, Sum> e : ordered) {
            agents[k] = e.getKey().agent();
            friends[k] = e.getKey().friend();
            counts[k] = e.getValue().n;
            lasts[k] = e.getValue().last.toString();
            k++;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            Array[] arrays = {
                c.createArrayOf("int8", agents),
                c.createArrayOf("int8", friends),
                c.createArrayOf("int4", counts),
                c.createArrayOf("text", lasts)
            };
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, arrays[i]);
            }
            ps.executeUpdate();
            for (Array a : arrays) {
                a.free();
            }
        }
    }
}
