package org.shardkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * Agents and accepted friendships seeded straight into the social schema, as the repository writes
 * them (an agent row on its shard, one friendship row per endpoint on that endpoint's shard, friend
 * counts to match), for the write benchmarks: interactions need friends for their strength updates.
 */
final class SeededFriends {
    final List<Long> agents = new ArrayList<>();
    final List<long[]> pairs = new ArrayList<>();

    private SeededFriends() {}

    /**
     * Seeds {@code agents} agents with about {@code friendsEach} friends each, drawn by a fixed seed.
     *
     * @return the agents' ids and the friend pairs (lower id first)
     */
    static SeededFriends seed(ShardedDatabase db, int agents, int friendsEach, long seed) {
        SeededFriends s = new SeededFriends();
        for (int i = 0; i < agents; i++) {
            s.agents.add(db.ids().nextId());
        }
        SplittableRandom random = new SplittableRandom(seed);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < agents; i++) {
            for (int k = 0; k < friendsEach / 2; k++) {
                long a = s.agents.get(i);
                long b = s.agents.get(random.nextInt(agents));
                long lo = Math.min(a, b);
                long hi = Math.max(a, b);
                if (lo != hi && seen.add(lo * 31 + hi)) {
                    s.pairs.add(new long[] {lo, hi});
                }
            }
        }
        for (ShardId shard : db.shardIds()) {
            List<Long> mine = new ArrayList<>();
            for (long a : s.agents) {
                if (db.shardOf(ShardKey.of(a)).equals(shard)) {
                    mine.add(a);
                }
            }
            List<Long> owners = new ArrayList<>();
            List<Long> friends = new ArrayList<>();
            List<Long> requesters = new ArrayList<>();
            for (long[] p : s.pairs) {
                for (int side = 0; side < 2; side++) {
                    if (db.shardOf(ShardKey.of(p[side])).equals(shard)) {
                        owners.add(p[side]);
                        friends.add(p[1 - side]);
                        requesters.add(p[0]);
                    }
                }
            }
            db.withShardId(
                    shard,
                    h -> h.inTransaction(t -> {
                        t.createUpdate("INSERT INTO agent (id, handle, name, personality, created_at, last_active_at)"
                                        + " SELECT id, 'bench_' || id, 'bench', 'explorer', now(), now()"
                                        + " FROM unnest(CAST(:ids AS bigint[])) AS id")
                                .bind("ids", array(mine))
                                .execute();
                        t.createUpdate("INSERT INTO friendship (agent_id, friend_id, status, requested_by, version,"
                                        + " created_at, updated_at) SELECT o, f, 'accepted', r, 1, now(), now()"
                                        + " FROM unnest(CAST(:o AS bigint[]), CAST(:f AS bigint[]), CAST(:r AS bigint[]))"
                                        + " AS t(o, f, r)")
                                .bind("o", array(owners))
                                .bind("f", array(friends))
                                .bind("r", array(requesters))
                                .execute();
                        return t.execute("UPDATE agent a SET friend_count = c.n FROM (SELECT agent_id, count(*) AS n"
                                + " FROM friendship GROUP BY agent_id) c WHERE a.id = c.agent_id");
                    }));
        }
        return s;
    }

    /** Returns a PostgreSQL array literal of ids, for {@code CAST(:x AS bigint[])}. */
    static String array(List<Long> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(values.get(i).longValue());
        }
        return b.append('}').toString();
    }
}
