package org.shardkit.core;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;

/**
 * Every shard of a database, built from its configuration: for each, the primary's and replicas'
 * pools, the replica set, the guard (breaker, bulkheads, timers) and the pool gauges. Looks shards
 * up by id and closes them all. Thread-safe once built.
 */
final class ShardSet implements AutoCloseable {
    private final Shard[] shards;
    private final List<ShardId> ids;

    private ShardSet(Shard[] shards) {
        this.shards = shards;
        List<ShardId> list = new ArrayList<>(shards.length);
        for (Shard shard : shards) {
            list.add(shard.id());
        }
        this.ids = Collections.unmodifiableList(list);
    }

    /**
     * Builds every shard's pools and guard. Pools do not connect yet.
     *
     * @param config the configuration
     * @param jdbiCustomizer what to do to each Jdbi
     * @param hikariRegistry where HikariCP's own pool metrics go, or null for none
     * @param registry where shardkit's meters go
     * @param ticker the nanosecond time source
     */
    static ShardSet open(
            ShardkitConfig config,
            Consumer<Jdbi> jdbiCustomizer,
            @Nullable MeterRegistry hikariRegistry,
            MeterRegistry registry,
            LongSupplier ticker) {
        Bulkhead overall = config.limits().maxConcurrent() == 0
                ? null
                : Bulkhead.of(
                        "shardkit-overall",
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(config.limits().maxConcurrent())
                                .maxWaitDuration(longestConnectionTimeout(config))
                                .build());
        Shard[] shards = new Shard[config.shards().size()];
        try {
            for (ShardConfig sc : config.shards()) {
                shards[sc.id()] = shard(sc, config, jdbiCustomizer, hikariRegistry, registry, ticker, overall);
                PoolGauges.register(shards[sc.id()], registry);
            }
        } catch (RuntimeException | Error e) {
            Closing.all(e, (AutoCloseable[]) shards);
            throw e;
        }
        return new ShardSet(shards);
    }

    private static Shard shard(
            ShardConfig sc,
            ShardkitConfig config,
            Consumer<Jdbi> jdbiCustomizer,
            @Nullable MeterRegistry hikariRegistry,
            MeterRegistry registry,
            LongSupplier ticker,
            @Nullable Bulkhead overall) {
        ShardId id = ShardId.of(sc.id());
        SlowQueryLogger slow = new SlowQueryLogger(
                id + " (" + sc.name() + ")",
                config.metrics().slowQueryThreshold(),
                config.metrics().logBindValues());
        ShardPool primary = new ShardPool(
                "shardkit-" + sc.name() + "-primary",
                sc.primary(),
                sc.pool(),
                false,
                jdbiCustomizer,
                hikariRegistry,
                slow);
        List<ShardPool> replicaPools = new ArrayList<>();
        try {
            int[] weights = new int[sc.replicas().size()];
            for (int r = 0; r < sc.replicas().size(); r++) {
                ReplicaConfig rc = sc.replicas().get(r);
                replicaPools.add(new ShardPool(
                        "shardkit-" + sc.name() + "-replica-" + r,
                        rc.endpoint(),
                        sc.pool(),
                        true,
                        jdbiCustomizer,
                        hikariRegistry,
                        slow));
                weights[r] = rc.weight();
            }
            ShardGuard guard = new ShardGuard(
                    id,
                    sc.name(),
                    primary,
                    config.breaker(),
                    config.limits().perShardLimit(sc),
                    sc.pool().connectionTimeout(),
                    overall,
                    registry,
                    ticker);
            ReplicaSet replicas = new ReplicaSet(
                    replicaPools, weights, ticker, config.replicaRetryAfter().toNanos());
            return new Shard(id, sc.name(), primary, replicas, guard);
        } catch (RuntimeException | Error e) {
            primary.close();
            replicaPools.forEach(ShardPool::close);
            throw e;
        }
    }

    private static Duration longestConnectionTimeout(ShardkitConfig config) {
        Duration max = Duration.ZERO;
        for (ShardConfig sc : config.shards()) {
            if (sc.pool().connectionTimeout().compareTo(max) > 0) {
                max = sc.pool().connectionTimeout();
            }
        }
        return max;
    }

    /**
     * Returns a shard.
     *
     * @throws UnknownShardException if there is no such shard
     */
    Shard get(ShardId id) {
        if (id == null) {
            throw new IllegalArgumentException("shardId must not be null");
        }
        if (id.value() >= shards.length) {
            throw new UnknownShardException(id, shards.length);
        }
        return shards[id.value()];
    }

    /** Returns every shard, in id order. */
    List<Shard> all() {
        return List.of(shards);
    }

    /** Returns every shard id, {@code 0..n-1}. */
    List<ShardId> ids() {
        return ids;
    }

    int size() {
        return shards.length;
    }

    @Override
    public void close() {
        Closing.all(null, (AutoCloseable[]) shards);
    }
}
