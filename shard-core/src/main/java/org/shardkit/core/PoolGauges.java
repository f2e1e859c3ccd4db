package org.shardkit.core;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.shardkit.core.metrics.PoolHealth;

/** The per-shard gauges of a shard's primary pool: utilisation and health. */
final class PoolGauges {
    private PoolGauges() {}

    static void register(Shard shard, MeterRegistry registry) {
        String tag = Meters.shardTag(shard.id());
        Gauge.builder(Meters.POOL_UTILIZATION, shard, s -> {
                    ShardPool.Counts c = s.primary().counts();
                    return (double) c.active() / c.maximum();
                })
                .description("active / maximum connections of the shard's primary pool")
                .tag(Meters.SHARD, tag)
                .register(registry);
        Gauge.builder(Meters.POOL_HEALTH, shard, s -> health(s).level().ordinal())
                .description("pool health: 0 healthy, 1 warning, 2 critical")
                .tag(Meters.SHARD, tag)
                .register(registry);
    }

    /** Judges the shard's primary pool as it is now. */
    static PoolHealth health(Shard shard) {
        return health(shard.id(), shard.primary());
    }

    /** Judges one pool of a shard (its primary's or a replica's) as it is now. */
    static PoolHealth health(ShardId shard, ShardPool pool) {
        ShardPool.Counts c = pool.counts();
        return PoolHealth.evaluate(shard, c.active(), c.idle(), c.waiting(), c.maximum());
    }
}
