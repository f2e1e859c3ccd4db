package org.shardkit.routing;

import org.shardkit.routing.spi.ShardStrategy;

/**
 * Factories for the built-in {@link ShardStrategy strategies}; each routes keys to shards {@code 0..shardCount-1}.
 *
 * <table>
 *   <caption>Choosing a strategy</caption>
 *   <tr><th>strategy</th><th>balance</th><th>keys moved when n → n+1</th><th>cost</th></tr>
 *   <tr><td>{@link #modulo}</td><td>only for random keys</td><td>n/(n+1)</td><td>one division</td></tr>
 *   <tr><td>{@link #hashModulo}</td><td>any keys</td><td>n/(n+1)</td><td>mix + one division</td></tr>
 *   <tr><td>{@link #ring}</td><td>peak/mean ≤ 1.10 (n ≤ 100)</td><td>≈ 1/(n+1), any shard removable</td>
 *       <td>mix + short binary search</td></tr>
 *   <tr><td>{@link #jump}</td><td>any keys</td><td>1/(n+1), only the last shard removable</td>
 *       <td>≈ ln(n) steps, no memory</td></tr>
 * </table>
 *
 * <p>For moving data a bucket at a time, use a {@link Topology} instead. Stateless and thread-safe; every returned
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
     * Returns a built-in strategy by its {@link ShardStrategy#name() name}: {@code modulo}, {@code hash-modulo},
     * {@code ring} or {@code jump}.
     *
     * @param name the strategy name
     * @param shardCount number of shards, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if the name is unknown or {@code shardCount <= 0}
     */
    public static ShardStrategy byName(String name, int shardCount) {
        return switch (name) {
            case "modulo" -> modulo(shardCount);
            case "hash-modulo" -> hashModulo(shardCount);
            case "ring" -> ring(shardCount);
            case "jump" -> jump(shardCount);
            default ->
                throw new IllegalArgumentException(
                        "strategy must be one of modulo, hash-modulo, ring, jump, but was " + name);
        };
    }
}
