package org.shardkit.routing;

import org.shardkit.routing.spi.ShardStrategy;

/**
 * Raw modulo: {@code floorMod(key, shardCount)}. Unsafe for sequential or snowflake keys, whose low bits are not
 * random, and moves {@code n/(n+1)} of all keys when a shard is added. Immutable and thread-safe.
 */
record ModuloStrategy(int shardCount) implements ShardStrategy {

    ModuloStrategy {
        Checks.positive("shardCount", shardCount);
    }

    @Override
    public int route(long key) {
        return Math.floorMod(key, shardCount);
    }

    @Override
    public int[] shardIds() {
        return Checks.range(shardCount);
    }

    @Override
    public String name() {
        return StrategyKind.MODULO.configName();
    }
}
