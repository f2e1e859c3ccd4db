package org.shardkit.routing.spi;

/**
 * Maps a {@code long} shard key to a shard id; the extension point behind {@code ShardRouter}.
 *
 * <p>A strategy is a pure function of its configuration: the same key always routes to the same shard, in every JVM
 * and every release, and the result is always one of {@link #shardIds()}. Text and byte keys never reach a strategy
 * directly; {@code ShardRouter} turns them into {@code long} keys with {@code KeyHash} first, so every strategy
 * routes them the same way.
 *
 * <p>Implementations must be immutable and thread-safe; {@link #route(long)} is called on hot paths from many threads
 * and should neither allocate nor lock. Every implementation should pass the {@code ShardStrategyContract} test
 * (see the {@linkplain org.shardkit.routing.spi package comment}).
 */
public interface ShardStrategy {

    /**
     * Returns the shard id for a key.
     *
     * @param key any {@code long}, including negative values
     * @return one of {@link #shardIds()}
     */
    int route(long key);

    /**
     * Returns the ids of the shards this strategy can route to, ascending, as a fresh array.
     *
     * @return the shard ids, never empty
     */
    int[] shardIds();

    /**
     * Returns how many shards this strategy routes to.
     *
     * @return the number of shard ids, at least 1
     */
    default int shardCount() {
        return shardIds().length;
    }

    /**
     * Returns a short, stable name of the algorithm, such as {@code "jump"}, for reports and logs.
     *
     * <p>Every built-in strategy returns its {@link org.shardkit.routing.StrategyKind#configName()}, the name that
     * configuration uses; another implementation should pick a name that is not one of
     * {@link org.shardkit.routing.StrategyKind#names()}.
     *
     * @return the algorithm name
     */
    String name();
}
