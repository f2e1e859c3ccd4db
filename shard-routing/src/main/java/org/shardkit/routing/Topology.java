package org.shardkit.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * A versioned map from a fixed number of virtual buckets to physical shards; routes a key to the shard of its bucket.
 *
 * <p>The bucket count is a power of two (default {@value #DEFAULT_BUCKET_COUNT}) fixed for the life of the data: a
 * key's bucket is {@code KeyHash.mix(key) & (bucketCount - 1)} and never changes. What changes is which shard holds a
 * bucket; moving buckets yields a new topology whose {@link #version()} is one higher, so data can be moved one bucket
 * at a time and every node can tell which map it is routing with.
 *
 * <p>A topology is written to and read from YAML or JSON; each shard lists its buckets as ranges:
 *
 * <pre>{@code
 * version: 2
 * bucketCount: 4096
 * shards:
 * - shard: 0
 *   buckets: "0-1364"
 * - shard: 1
 *   buckets: "1365-2729,4095"
 * }</pre>
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Topology v1 = Topology.of(3);                   // 4096 buckets spread evenly over shards 0..2
 * Topology v2 = v1.withShardAdded(3);             // 1/4 of the buckets move, all to shard 3
 * RebalancePlan plan = RebalancePlan.between(v1, v2);
 * Files.writeString(path, v2.toYaml());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Topology implements ShardStrategy {

    /** Default number of virtual buckets: 4,096. */
    public static final int DEFAULT_BUCKET_COUNT = 4096;

    /** Largest allowed number of virtual buckets: 2^24. */
    public static final int MAX_BUCKET_COUNT = 1 << 24;

    private final long version;
    private final int[] assignment;
    private final int mask;
    private final int[] shardIds;

    private Topology(long version, int[] assignment) {
        this.version = version;
        this.assignment = assignment;
        this.mask = assignment.length - 1;
        this.shardIds = Arrays.stream(assignment).distinct().sorted().toArray();
    }

    /**
     * Returns version 1 of a topology of {@value #DEFAULT_BUCKET_COUNT} buckets over shards {@code 0..shardCount-1}.
     *
     * @param shardCount number of shards, at least 1 and at most the bucket count
     * @return the topology
     * @throws IllegalArgumentException if {@code shardCount} is out of range
     */
    public static Topology of(int shardCount) {
        return of(DEFAULT_BUCKET_COUNT, shardCount);
    }

    /**
     * Returns version 1 of a topology over shards {@code 0..shardCount-1}; shard {@code s} holds the contiguous buckets
     * {@code b} with {@code b * shardCount / bucketCount == s}.
     *
     * @param bucketCount a power of two, at most {@link #MAX_BUCKET_COUNT}
     * @param shardCount number of shards, at least 1 and at most {@code bucketCount}
     * @return the topology
     * @throws IllegalArgumentException if either count is out of range
     */
    public static Topology of(int bucketCount, int shardCount) {
        checkBucketCount(bucketCount);
        Checks.positive("shardCount", shardCount);
        if (shardCount > bucketCount) {
            throw new IllegalArgumentException(
                    "shardCount must be at most bucketCount " + bucketCount + ", but was " + shardCount);
        }
        int[] assignment = new int[bucketCount];
        for (int b = 0; b < bucketCount; b++) {
            assignment[b] = (int) ((long) b * shardCount / bucketCount);
        }
        return new Topology(1, assignment);
    }

    /**
     * Returns a topology from its parts, as read from storage.
     *
     * @param version the version, at least 1
     * @param assignment the shard of each bucket; its length is the bucket count; copied
     * @return the topology
     * @throws IllegalArgumentException if the version is not positive, the length is not a power of two, or a shard
     *     id is negative
     */
    public static Topology of(long version, int[] assignment) {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive, but was " + version);
        }
        checkBucketCount(assignment.length);
        for (int b = 0; b < assignment.length; b++) {
            if (assignment[b] < 0) {
                throw new IllegalArgumentException(
                        "shard of bucket " + b + " must not be negative, but was " + assignment[b]);
            }
        }
        return new Topology(version, assignment.clone());
    }

    static void checkBucketCount(int bucketCount) {
        if (bucketCount <= 0 || Integer.bitCount(bucketCount) != 1) {
            throw new IllegalArgumentException("bucketCount must be a power of two, but was " + bucketCount);
        }
        if (bucketCount > MAX_BUCKET_COUNT) {
            throw new IllegalArgumentException(
                    "bucketCount must be at most " + MAX_BUCKET_COUNT + ", but was " + bucketCount);
        }
    }

    /**
     * Reads a topology written by {@link #toYaml()}; comments and either YAML style are accepted.
     *
     * @param yaml the document
     * @return the topology
     * @throws IllegalArgumentException if the document is malformed, or a bucket is missing, out of range or listed
     *     twice; the message names the bucket
     */
    public static Topology fromYaml(String yaml) {
        return TopologyFormat.read(yaml, true);
    }

    /**
     * Reads a topology written by {@link #toJson()}.
     *
     * @param json the document
     * @return the topology
     * @throws IllegalArgumentException if the document is malformed, or a bucket is missing, out of range or listed
     *     twice; the message names the bucket
     */
    public static Topology fromJson(String json) {
        return TopologyFormat.read(json, false);
    }

    /**
     * Returns this topology as YAML (see the class comment for the shape).
     *
     * @return the YAML document
     */
    public String toYaml() {
        return TopologyFormat.write(this, true);
    }

    /**
     * Returns this topology as JSON, the same shape as {@link #toYaml()}.
     *
     * @return the JSON document
     */
    public String toJson() {
        return TopologyFormat.write(this, false);
    }

    /**
     * Returns the version; every change of assignment adds one.
     *
     * @return the version, at least 1
     */
    public long version() {
        return version;
    }

    /**
     * Returns the number of virtual buckets, a power of two.
     *
     * @return the bucket count
     */
    public int bucketCount() {
        return assignment.length;
    }

    /**
     * Returns the bucket of a key, {@code KeyHash.mix(key) & (bucketCount - 1)}; it never depends on the version.
     *
     * @param key the key
     * @return the bucket, {@code 0..bucketCount-1}
     */
    public int bucketOf(long key) {
        return (int) (KeyHash.mix(key) & mask);
    }

    /**
     * Returns the shard that holds a bucket.
     *
     * @param bucket a bucket, {@code 0..bucketCount-1}
     * @return its shard id
     * @throws IllegalArgumentException if the bucket is out of range
     */
    public int shardOfBucket(int bucket) {
        return assignment[checkBucket(bucket)];
    }

    /**
     * Returns the buckets a shard holds, ascending.
     *
     * @param shardId a shard id
     * @return its buckets; empty if the shard holds none
     */
    public int[] bucketsOf(int shardId) {
        return IntStream.range(0, assignment.length)
                .filter(b -> assignment[b] == shardId)
                .toArray();
    }

    @Override
    public int route(long key) {
        return assignment[(int) (KeyHash.mix(key) & mask)];
    }

    @Override
    public int[] shardIds() {
        return shardIds.clone();
    }

    @Override
    public String name() {
        return StrategyKind.BUCKETS.configName();
    }

    /**
     * Returns the next version with one bucket moved to another shard, or this topology if it is already there.
     *
     * @param bucket the bucket, {@code 0..bucketCount-1}
     * @param toShard the shard to move it to, not negative
     * @return the new topology
     * @throws IllegalArgumentException if the bucket is out of range or {@code toShard} is negative
     */
    public Topology withBucketMoved(int bucket, int toShard) {
        return withBucketsMoved(Map.of(bucket, toShard));
    }

    /**
     * Returns the next version with several buckets moved at once (one version step), or this topology if none of
     * them changes shard.
     *
     * @param moves target shard by bucket
     * @return the new topology
     * @throws IllegalArgumentException if a bucket is out of range or a target shard is negative
     */
    public Topology withBucketsMoved(Map<Integer, Integer> moves) {
        int[] next = assignment.clone();
        boolean changed = false;
        for (Map.Entry<Integer, Integer> move : moves.entrySet()) {
            int bucket = checkBucket(move.getKey());
            int to = Checks.nonNegative("toShard", move.getValue());
            changed |= next[bucket] != to;
            next[bucket] = to;
        }
        return changed ? new Topology(version + 1, next) : this;
    }

    /**
     * Returns the next version with a new shard that takes an even share of the buckets, moved one at a time from the
     * shards that hold the most; no other bucket moves.
     *
     * @param shardId the new shard id, not negative and not yet in this topology
     * @return the new topology
     * @throws IllegalArgumentException if the shard id is negative or already present, or there are no buckets to spare
     */
    public Topology withShardAdded(int shardId) {
        Checks.nonNegative("shardId", shardId);
        if (Arrays.binarySearch(shardIds, shardId) >= 0) {
            throw new IllegalArgumentException("shardId " + shardId + " is already in topology version " + version);
        }
        int target = assignment.length / (shardIds.length + 1);
        if (target == 0) {
            throw new IllegalArgumentException("cannot add shard " + shardId + ": all " + assignment.length
                    + " buckets are needed by the " + shardIds.length + " shards");
        }
        List<ShardBuckets> holders = holders();
        // Most buckets first; ties go to the lowest shard id, so the result is deterministic.
        PriorityQueue<ShardBuckets> queue = new PriorityQueue<>((a, b) -> a.buckets.size() != b.buckets.size()
                ? Integer.compare(b.buckets.size(), a.buckets.size())
                : Integer.compare(a.shard, b.shard));
        queue.addAll(holders);
        int[] next = assignment.clone();
        for (int i = 0; i < target; i++) {
            ShardBuckets donor = queue.remove();
            int bucket = donor.buckets.remove(donor.buckets.size() - 1);
            next[bucket] = shardId;
            queue.add(donor);
        }
        return new Topology(version + 1, next);
    }

    /**
     * Returns the next version without a shard; its buckets go one at a time, lowest first, to the shard holding the
     * fewest. No other bucket moves.
     *
     * @param shardId a shard of this topology
     * @return the new topology
     * @throws IllegalArgumentException if the shard is not in this topology or is its last shard
     */
    public Topology withShardRemoved(int shardId) {
        if (Arrays.binarySearch(shardIds, shardId) < 0) {
            throw new IllegalArgumentException("shardId " + shardId + " is not in topology version " + version
                    + "; shards are " + Arrays.toString(shardIds));
        }
        if (shardIds.length == 1) {
            throw new IllegalArgumentException("cannot remove shard " + shardId + ": it is the last shard");
        }
        PriorityQueue<ShardBuckets> queue = new PriorityQueue<>((a, b) -> a.buckets.size() != b.buckets.size()
                ? Integer.compare(a.buckets.size(), b.buckets.size())
                : Integer.compare(a.shard, b.shard));
        for (ShardBuckets holder : holders()) {
            if (holder.shard != shardId) {
                queue.add(holder);
            }
        }
        int[] next = assignment.clone();
        for (int bucket : bucketsOf(shardId)) {
            ShardBuckets taker = queue.remove();
            taker.buckets.add(bucket);
            next[bucket] = taker.shard;
            queue.add(taker);
        }
        return new Topology(version + 1, next);
    }

    private List<ShardBuckets> holders() {
        List<ShardBuckets> holders = new ArrayList<>();
        for (int shard : shardIds) {
            ShardBuckets h = new ShardBuckets(shard);
            for (int b : bucketsOf(shard)) {
                h.buckets.add(b);
            }
            holders.add(h);
        }
        return holders;
    }

    private int checkBucket(int bucket) {
        if (bucket < 0 || bucket >= assignment.length) {
            throw new IllegalArgumentException(
                    "bucket must be in 0.." + (assignment.length - 1) + ", but was " + bucket);
        }
        return bucket;
    }

    /** Package-private view for the format and plans; never modify. */
    int[] assignmentView() {
        return assignment;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Topology other && version == other.version && Arrays.equals(assignment, other.assignment);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Arrays.hashCode(assignment);
    }

    @Override
    public String toString() {
        return "Topology[version=" + version + ", bucketCount=" + assignment.length + ", shards="
                + Arrays.toString(shardIds) + "]";
    }

    private static final class ShardBuckets {
        final int shard;
        final List<Integer> buckets = new ArrayList<>();

        ShardBuckets(int shard) {
            this.shard = shard;
        }
    }
}
