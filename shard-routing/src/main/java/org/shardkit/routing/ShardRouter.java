package org.shardkit.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * Routes shard keys to shard ids; the entry point of {@code shard-routing}.
 *
 * <p>A router wraps one {@link ShardStrategy} (or a {@link Topology}) and accepts {@code long}, {@code String} and
 * {@code byte[]} keys. Text and byte keys are first turned into {@code long} keys by {@link KeyHash#hash(String)}
 * (XXH64, seed 0, UTF-8), so a given text key routes the same way under every strategy, JVM and release.
 *
 * <pre>{@code
 * ShardRouter router = ShardRouter.of(ShardStrategies.jump(16));
 * int shard = router.route(userId);                 // long key
 * int other = router.route("tenant:acme");          // text key, hashed with KeyHash
 * SortedMap<Integer, long[]> batches = router.groupByShard(ids); // one batch per shard, order kept
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardRouter {

    private final ShardStrategy strategy;

    private ShardRouter(ShardStrategy strategy) {
        this.strategy = strategy;
    }

    /**
     * Returns a router over a strategy.
     *
     * @param strategy the strategy; must be immutable and thread-safe, as every built-in one is
     * @return the router
     * @throws IllegalArgumentException if {@code strategy} is null
     */
    public static ShardRouter of(ShardStrategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must not be null, but was null");
        }
        return new ShardRouter(strategy);
    }

    /**
     * Returns the strategy this router uses.
     *
     * @return the strategy
     */
    public ShardStrategy strategy() {
        return strategy;
    }

    /**
     * Returns the shard of a {@code long} key.
     *
     * @param key the key
     * @return a shard id of the strategy
     */
    public int route(long key) {
        return strategy.route(key);
    }

    /**
     * Returns the shard of a text key, hashed with {@link KeyHash#hash(String)}.
     *
     * @param key the key
     * @return a shard id of the strategy
     * @throws IllegalArgumentException if {@code key} is null
     */
    public int route(String key) {
        return strategy.route(KeyHash.hash(key));
    }

    /**
     * Returns the shard of a byte key, hashed with {@link KeyHash#hash(byte[])}.
     *
     * @param key the key; not modified
     * @return a shard id of the strategy
     * @throws IllegalArgumentException if {@code key} is null
     */
    public int route(byte[] key) {
        return strategy.route(KeyHash.hash(key));
    }

    /**
     * Groups keys by shard for batch operations; within each group keys keep their order in {@code keys}.
     *
     * @param keys the keys; not modified
     * @return an unmodifiable map from shard id (ascending) to that shard's keys; shards without keys are absent
     * @throws IllegalArgumentException if {@code keys} is null
     */
    public SortedMap<Integer, long[]> groupByShard(long[] keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null, but was null");
        }
        int[] shards = new int[keys.length];
        TreeMap<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            int shard = strategy.route(keys[i]);
            shards[i] = shard;
            counts.computeIfAbsent(shard, s -> new int[1])[0]++;
        }
        TreeMap<Integer, long[]> groups = new TreeMap<>();
        counts.forEach((shard, count) -> groups.put(shard, new long[count[0]]));
        TreeMap<Integer, int[]> fill = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            int shard = shards[i];
            long[] group = groups.get(shard);
            int[] at = fill.computeIfAbsent(shard, s -> new int[1]);
            if (group != null) {
                group[at[0]++] = keys[i];
            }
        }
        return Collections.unmodifiableSortedMap(groups);
    }

    /**
     * Groups items by the shard of their key for batch operations; within each group items keep their order.
     *
     * @param items the items, in the order to keep
     * @param shardKey extracts the {@code long} shard key of an item, e.g. {@code Order::customerId}
     * @param <T> the item type
     * @return an unmodifiable map from shard id (ascending) to that shard's items (unmodifiable lists); shards without
     *     items are absent
     * @throws IllegalArgumentException if {@code items} or {@code shardKey} is null
     */
    public <T> SortedMap<Integer, List<T>> groupByShard(
            Collection<? extends T> items, ToLongFunction<? super T> shardKey) {
        if (items == null || shardKey == null) {
            throw new IllegalArgumentException(
                    "items and shardKey must not be null, but were " + items + " and " + shardKey);
        }
        TreeMap<Integer, List<T>> groups = new TreeMap<>();
        for (T item : items) {
            groups.computeIfAbsent(strategy.route(shardKey.applyAsLong(item)), s -> new ArrayList<>())
                    .add(item);
        }
        groups.replaceAll((shard, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableSortedMap(groups);
    }

    @Override
    public String toString() {
        return "ShardRouter[" + strategy.name() + ", shards=" + strategy.shardCount() + "]";
    }
}
