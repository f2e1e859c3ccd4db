package org.shardkit.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.ScatterRequest;

/**
 * The rows one shard holds of the three big tables: agents, friendship rows (two per pair, one on
 * each agent's shard) and interactions (on the initiator's shard; inbox copies not counted).
 *
 * @param shard the shard
 * @param name its name in the configuration
 * @param agents rows of {@code agent}
 * @param friendships rows of {@code friendship}
 * @param interactions rows of {@code interaction}
 */
record ShardRows(ShardId shard, String name, long agents, long friendships, long interactions) {
    private static final String COUNTS = "SELECT (SELECT count(*) FROM agent), (SELECT count(*) FROM friendship),"
            + " (SELECT count(*) FROM interaction)";

    /** The scatter's name in shardkit's metrics. */
    private static final String SCATTER = "demo.shard-rows";
    /** Exact counts of millions of rows take seconds on a small machine: 5 minutes at most. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    ShardRows {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Counts every shard's rows, all shards at once (one scatter of exact {@code count(*)}s).
     *
     * @param db the database
     * @return one entry per shard, in shard order
     * @throws org.shardkit.core.scatter.PartialResultException if a shard does not answer
     */
    static List<ShardRows> count(ShardedDatabase db) {
        Map<ShardId, long[]> counts = db.scatter(
                        ScatterRequest.allShards().named(SCATTER).withDeadline(DEADLINE),
                        (shard, h) -> h.createQuery(COUNTS)
                                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                                .one())
                .requireComplete();
        List<ShardRows> rows = new ArrayList<>();
        for (ShardId id : db.shardIds()) {
            long[] c = Objects.requireNonNull(counts.get(id), "no counts from " + id);
            rows.add(new ShardRows(id, db.shardName(id), c[0], c[1], c[2]));
        }
        return rows;
    }

    /**
     * Returns the skew of one column: the largest shard's rows over the mean, 1.0 when even.
     *
     * @param rows every shard's rows
     * @param column the column, e.g. {@code ShardRows::agents}
     * @return max / mean; 0 when there are no rows
     */
    static double skew(List<ShardRows> rows, ToLongFunction<ShardRows> column) {
        long max = 0;
        long sum = 0;
        for (ShardRows r : rows) {
            long v = column.applyAsLong(r);
            max = Math.max(max, v);
            sum += v;
        }
        return sum == 0 ? 0 : max / ((double) sum / rows.size());
    }
}
