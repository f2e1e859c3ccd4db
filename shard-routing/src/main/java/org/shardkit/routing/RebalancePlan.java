package org.shardkit.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * What moves, from which shard to which, when routing changes from one topology or strategy to another.
 *
 * <p>Between two {@link Topology topologies} the plan is exact and lists buckets ({@link Unit#BUCKET}). Between two
 * arbitrary strategies no finite list is exact, so the plan lists the keys of a given sample that move
 * ({@link Unit#KEY}) and the moved fraction estimates the share of all data that moves.
 *
 * <pre>{@code
 * RebalancePlan plan = RebalancePlan.between(ShardStrategies.jump(8), ShardStrategies.jump(9), sampleIds);
 * plan.movedFraction();  // ≈ 1/9
 * plan.flows();          // [Flow[fromShard=0, toShard=8, count=...], ...]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param unit what {@link Move#item()} identifies: a bucket or a key
 * @param examined how many buckets or sample keys were compared
 * @param moves each item whose shard changes, in bucket or sample order
 */
public record RebalancePlan(Unit unit, long examined, List<Move> moves) {

    /** What a plan moves. */
    public enum Unit {
        /** Virtual buckets of a {@link Topology}. */
        BUCKET,
        /** Keys of a sample. */
        KEY
    }

    /**
     * One bucket or key that changes shard.
     *
     * @param item the bucket number or the key
     * @param fromShard the shard that holds it now
     * @param toShard the shard that will hold it
     */
    public record Move(long item, int fromShard, int toShard) {}

    /**
     * How many items move from one shard to another.
     *
     * @param fromShard the source shard
     * @param toShard the target shard
     * @param count how many buckets or sample keys take this path
     */
    public record Flow(int fromShard, int toShard, long count) {}

    /**
     * Validates and copies the parts.
     *
     * @throws IllegalArgumentException if {@code examined} is negative or smaller than the number of moves
     */
    public RebalancePlan {
        if (examined < 0 || examined < moves.size()) {
            throw new IllegalArgumentException(
                    "examined must be at least the " + moves.size() + " moves, but was " + examined);
        }
        moves = List.copyOf(moves);
    }

    /**
     * Returns the exact plan between two versions of a topology: every bucket whose shard differs.
     *
     * @param from the current topology
     * @param to the next topology
     * @return the plan, in bucket order
     * @throws IllegalArgumentException if the bucket counts differ
     */
    public static RebalancePlan between(Topology from, Topology to) {
        if (from.bucketCount() != to.bucketCount()) {
            throw new IllegalArgumentException("bucketCount must be the same in both topologies, but was "
                    + from.bucketCount() + " and " + to.bucketCount());
        }
        int[] a = from.assignmentView();
        int[] b = to.assignmentView();
        List<Move> moves = new ArrayList<>();
        for (int bucket = 0; bucket < a.length; bucket++) {
            if (a[bucket] != b[bucket]) {
                moves.add(new Move(bucket, a[bucket], b[bucket]));
            }
        }
        return new RebalancePlan(Unit.BUCKET, a.length, moves);
    }

    /**
     * Returns the plan between two strategies over a sample of keys: every sample key whose shard differs.
     *
     * @param from the current strategy
     * @param to the next strategy
     * @param sampleKeys the keys to compare, e.g. a random sample of stored IDs; not modified
     * @return the plan, in sample order
     */
    public static RebalancePlan between(ShardStrategy from, ShardStrategy to, long[] sampleKeys) {
        List<Move> moves = new ArrayList<>();
        for (long key : sampleKeys) {
            int f = from.route(key);
            int t = to.route(key);
            if (f != t) {
                moves.add(new Move(key, f, t));
            }
        }
        return new RebalancePlan(Unit.KEY, sampleKeys.length, moves);
    }

    /**
     * Returns how many buckets or sample keys move.
     *
     * @return the number of moves
     */
    public int movedCount() {
        return moves.size();
    }

    /**
     * Returns the fraction of buckets or sample keys that move, 0 when nothing was examined.
     *
     * @return moved / examined, in {@code [0, 1]}
     */
    public double movedFraction() {
        return examined == 0 ? 0.0 : (double) moves.size() / examined;
    }

    /**
     * Returns the moves summed per (from, to) pair, ordered by source then target shard.
     *
     * @return the flows
     */
    public List<Flow> flows() {
        Map<Long, long[]> counts = new TreeMap<>();
        for (Move m : moves) {
            // Shard ids are non-negative ints, so this packing keeps (from, to) order.
            counts.computeIfAbsent(((long) m.fromShard() << 32) | (m.toShard() & 0xFFFF_FFFFL), k -> new long[1])[0]++;
        }
        List<Flow> flows = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> flows.add(new Flow((int) (k >>> 32), (int) (long) k, c[0])));
        return List.copyOf(flows);
    }

    @Override
    public String toString() {
        return "RebalancePlan[" + unit + ", moved " + moves.size() + " of " + examined + " ("
                + String.format(Locale.ROOT, "%.2f%%", 100 * movedFraction()) + ")]";
    }
}
