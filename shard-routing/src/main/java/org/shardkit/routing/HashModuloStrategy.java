package org.shardkit.routing;

import org.shardkit.routing.spi.ShardStrategy;

/**
 * Hash-modulo: {@code remainderUnsigned(KeyHash.mix(key), shardCount)}. Balanced for any key shape, but moves
 * {@code n/(n+1)} of all keys when a shard is added. Immutable and thread-safe.
 */
record HashModuloStrategy(int shardCount) implements ShardStrategy {

    HashModuloStrategy {
        Checks.positive("shardCount", shardCount);
    }

    @Override
    public int route(long key) {
        return (int) Long.remainderUnsigned(KeyHash.mix(key), shardCount);
    }

    @Override
    public int[] shardIds() {
        return Checks.range(shardCount);
    }

    @Override
    public String name() {
        return StrategyKind.HASH_MODULO.configName();
    }
}
