package org.shardkit.routing;

import org.shardkit.routing.spi.ShardStrategy;

/**
 * Factories for the built-in {@link ShardStrategy strategies}; each routes keys to shards {@code 0..shardCount-1}.
 *
 * <table>
 *   <caption>Choosing a strategy</caption>
 *   <tr><th>strategy</th><th>kind</th><th>balance</th><th>keys moved when n → n+1</th><th>cost</th></tr>
 *   <tr><td>{@link #modulo}</td><td>{@link StrategyKind#MODULO}</td><td>only for random keys</td><td>n/(n+1)</td>
 *       <td>one division</td></tr>
 *   <tr><td>{@link #hashModulo}</td><td>{@link StrategyKind#HASH_MODULO}</td><td>any keys</td><td>n/(n+1)</td>
 *       <td>mix + one division</td></tr>
 *   <tr><td>{@link #ring}</td><td>{@link StrategyKind#CONSISTENT_HASH}</td><td>peak/mean ≤ 1.10 (n ≤ 100)</td>
 *       <td>≈ 1/(n+1), any shard removable</td><td>mix + short binary search</td></tr>
 *   <tr><td>{@link #jump}</td><td>{@link StrategyKind#JUMP}</td><td>any keys</td>
 *       <td>1/(n+1), only the last shard removable</td><td>≈ ln(n) steps, no memory</td></tr>
 *   <tr><td>{@link Topology#of(int)}</td><td>{@link StrategyKind#BUCKETS}</td><td>any keys</td>
 *       <td>the buckets you move</td><td>mix + one array read</td></tr>
 * </table>
 *
 * <p>{@link #of(StrategyKind, int)} and {@link #byName(String, int)} make any of them from its {@link StrategyKind}
 * or its name. For moving data a bucket at a time, use a {@link Topology}. Stateless and thread-safe; every returned
 * strategy is immutable and thread-safe.
 */
public final class ShardStrategies {

    private ShardStrategies() {}

    /**
     * Returns raw modulo, {@code Math.floorMod(key, shardCount)}.
     *
     * <p><b>Unsafe for sequential or snowflake keys</b> unless they are mixed first: a snowflake ID made at a low rate
     * has sequence 0 in its low bits, so with a power-of-two shard count every key lands on one shard. Adding a shard
     * moves {@code n/(n+1)} of all keys.
     *
     * @param shardCount number of shards, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if {@code shardCount <= 0}
     */
    public static ShardStrategy modulo(int shardCount) {
        return new ModuloStrategy(shardCount);
    }

    /**
     * Returns hash-modulo: {@link KeyHash#mix(long)} of the key, then its unsigned remainder by {@code shardCount}.
     * Balanced for any key shape; adding a shard moves {@code n/(n+1)} of all keys.
     *
     * @param shardCount number of shards, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if {@code shardCount <= 0}
     */
    public static ShardStrategy hashModulo(int shardCount) {
        return new HashModuloStrategy(shardCount);
    }

    /**
     * Returns a consistent-hash ring of equal shards with {@link ConsistentHashRing#DEFAULT_VIRTUAL_NODES}; use
     * {@link ConsistentHashRing#builder()} for weights or another virtual-node count.
     *
     * @param shardCount number of shards, at least 1
     * @return the ring
     * @throws IllegalArgumentException if {@code shardCount <= 0}
     */
    public static ConsistentHashRing ring(int shardCount) {
        return ConsistentHashRing.of(shardCount);
    }

    /**
     * Returns Lamping and Veach's jump consistent hash; routes exactly like Guava's
     * {@code Hashing.consistentHash(key, shardCount)}. Growing to {@code n+1} shards moves {@code 1/(n+1)} of the
     * keys, all to the new shard; only the highest shard can be removed.
     *
     * @param shardCount number of shards, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if {@code shardCount <= 0}
     */
    public static ShardStrategy jump(int shardCount) {
        return new JumpStrategy(shardCount);
    }

    /**
     * Returns the built-in strategy of a kind over shards {@code 0..shardCount-1}; its {@link ShardStrategy#name()} is
     * the kind's {@link StrategyKind#configName()}. {@link StrategyKind#BUCKETS} gives {@link Topology#of(int)} (version
     * 1, {@value Topology#DEFAULT_BUCKET_COUNT} buckets) and {@link StrategyKind#CONSISTENT_HASH} gives {@link
     * #ring(int)}; use {@link Topology} or {@link ConsistentHashRing#builder()} directly for other bucket or
     * virtual-node counts.
     *
     * @param kind the strategy kind
     * @param shardCount number of shards, at least 1 (and at most the bucket count for {@code BUCKETS})
     * @return the strategy
     * @throws IllegalArgumentException if {@code shardCount} is out of range
     */
    public static ShardStrategy of(StrategyKind kind, int shardCount) {
        // No default branch: a new kind does not compile until it is handled here.
        return switch (kind) {
            case MODULO -> modulo(shardCount);
            case HASH_MODULO -> hashModulo(shardCount);
            case CONSISTENT_HASH -> ring(shardCount);
            case JUMP -> jump(shardCount);
            case BUCKETS -> Topology.of(shardCount);
        };
    }

    /**
     * Returns a built-in strategy by its name, {@code of(StrategyKind.fromName(name), shardCount)}: one of {@link
     * StrategyKind#names()}, in any case, surrounding whitespace ignored.
     *
     * @param name the strategy name, such as {@code "jump"}
     * @param shardCount number of shards, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if the name is unknown (the message lists {@link StrategyKind#names()}) or
     *     {@code shardCount} is out of range
     */
    public static ShardStrategy byName(String name, int shardCount) {
        return of(StrategyKind.fromName(name), shardCount);
    }
}
