package org.shardkit.routing.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * Load per shard after routing a number of IDs, with peak/mean and Pearson's chi-square against an even split.
 *
 * <p>Immutable and thread-safe.
 *
 * @param counts one entry per shard of the strategy, ascending by shard id, including shards that got nothing
 */
public record SkewStats(List<ShardCount> counts) {

    /**
     * How many IDs one shard received.
     *
     * @param shardId the shard
     * @param count IDs routed to it
     */
    public record ShardCount(int shardId, long count) {}

    /**
     * Copies the counts.
     *
     * @throws IllegalArgumentException if {@code counts} is empty
     */
    public SkewStats {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("counts must not be empty, but was []");
        }
        counts = List.copyOf(counts);
    }

    /**
     * Routes {@code idCount} IDs from {@code source} with {@code strategy} and counts them per shard.
     *
     * @param strategy the strategy
     * @param source the IDs
     * @param idCount how many IDs to draw, at least 1
     * @return the load per shard
     * @throws IllegalArgumentException if {@code idCount <= 0}
     */
    public static SkewStats measure(ShardStrategy strategy, IdSource source, long idCount) {
        if (idCount <= 0) {
            throw new IllegalArgumentException("idCount must be positive, but was " + idCount);
        }
        int[] ids = strategy.shardIds();
        long[] hits = new long[ids.length];
        boolean dense = ids[0] == 0 && ids[ids.length - 1] == ids.length - 1;
        for (long i = 0; i < idCount; i++) {
            int shard = strategy.route(source.nextId());
            hits[dense ? shard : Arrays.binarySearch(ids, shard)]++;
        }
        List<ShardCount> counts = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            counts.add(new ShardCount(ids[i], hits[i]));
        }
        return new SkewStats(counts);
    }

    /**
     * Returns the number of IDs counted.
     *
     * @return the total
     */
    public long total() {
        long total = 0;
        for (ShardCount c : counts) {
            total += c.count();
        }
        return total;
    }

    /**
     * Returns the mean IDs per shard.
     *
     * @return total / shards
     */
    public double mean() {
        return (double) total() / counts.size();
    }

    /**
     * Returns the largest count of any shard.
     *
     * @return the peak count
     */
    public long peak() {
        long peak = 0;
        for (ShardCount c : counts) {
            peak = Math.max(peak, c.count());
        }
        return peak;
    }

    /**
     * Returns peak / mean: 1.0 is a perfect split, {@code shards} means every ID went to one shard.
     *
     * @return the peak-to-mean ratio
     */
    public double peakToMean() {
        return peak() / mean();
    }

    /**
     * Returns Pearson's chi-square statistic against an even split, with {@link #degreesOfFreedom()} degrees.
     *
     * @return sum over shards of (count - mean)² / mean
     */
    public double chiSquare() {
        double mean = mean();
        double sum = 0;
        for (ShardCount c : counts) {
            double d = c.count() - mean;
            sum += d * d / mean;
        }
        return sum;
    }

    /**
     * Returns the degrees of freedom of {@link #chiSquare()}: shards - 1.
     *
     * @return the degrees of freedom
     */
    public int degreesOfFreedom() {
        return counts.size() - 1;
    }

    /**
     * Returns the chi-square value that a truly even random split exceeds with probability 0.001 (Wilson-Hilferty
     * approximation); a larger {@link #chiSquare()} means the split is skewed beyond sampling noise.
     *
     * @return the critical value at p = 0.001, or 0 with one shard
     */
    public double chiSquareCritical001() {
        int k = degreesOfFreedom();
        if (k == 0) {
            return 0;
        }
        double z = 3.090232; // upper 0.001 quantile of the standard normal
        double a = 2.0 / (9.0 * k);
        double t = 1 - a + z * Math.sqrt(a);
        return k * t * t * t;
    }
}
