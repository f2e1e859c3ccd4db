package org.shardkit.core;

import java.time.Duration;
import java.util.List;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.routing.StrategyKind;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** Shard configurations over the test kit's shards, shared by the integration tests. */
public final class TestConfigs {
    private TestConfigs() {}

    /** Returns the endpoint of a test shard (its class schema, user and password). */
    public static EndpointConfig endpoint(TestShard s) {
        return EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password()));
    }

    /** Returns a pool of {@code size} connections, none idle, that gives up after {@code timeout}. */
    public static PoolConfig pool(int size, Duration timeout) {
        return PoolConfig.builder()
                .maximumSize(size)
                .minimumIdle(0)
                .connectionTimeout(timeout)
                .maxLifetime(Duration.ZERO)
                .idleTimeout(Duration.ZERO)
                .build();
    }

    /**
     * Adds one shard per test shard, named {@code social_<index>}, without replicas.
     *
     * @param builder the configuration being built
     * @param shards the test shards
     * @param pool each shard's pool
     * @return the builder
     */
    public static ShardkitConfig.Builder withShards(
            ShardkitConfig.Builder builder, List<TestShard> shards, PoolConfig pool) {
        for (TestShard s : shards) {
            builder.shard(ShardConfig.builder(s.index(), "social_" + s.index(), endpoint(s))
                    .pool(pool)
                    .build());
        }
        return builder;
    }

    /**
     * Returns the configuration the routing and replica tests share: one shard per primary, named
     * {@code social_<index>}, pools of 4, bucket topology; shard 0 reads from the first two replica
     * servers (weights 2 and 1), the others have no replicas.
     */
    static ShardkitConfig withReplicasOnShard0(
            ShardServersExtension primaries, ShardServersExtension replicas, StartupMode startup) {
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .topology(TopologyConfig.of(StrategyKind.BUCKETS))
                .startup(startup)
                .replicaRetryAfter(Duration.ofSeconds(5));
        PoolConfig pool = PoolConfig.builder().maximumSize(4).build();
        for (TestShard s : primaries.shards()) {
            ShardConfig.Builder shard = ShardConfig.builder(s.index(), "social_" + s.index(), endpoint(s))
                    .pool(pool);
            if (s.index() == 0) {
                shard.replica(new ReplicaConfig(endpoint(replicas.shard(0)), 2))
                        .replica(new ReplicaConfig(endpoint(replicas.shard(1)), 1));
            }
            b.shard(shard.build());
        }
        return b.build();
    }

    /** Returns the first key from {@code from} on that routes to {@code shard}. */
    static long keyOnShard(ShardedDatabase db, int shard, long from) {
        for (long k = from; ; k++) {
            if (db.shardOf(ShardKey.of(k)).value() == shard) {
                return k;
            }
        }
    }

    /** Creates {@code agent(id bigint primary key, name text)} on every shard if missing, and empties it. */
    static void freshAgentTables(ShardedDatabase db) {
        for (ShardId id : db.shardIds()) {
            db.withShardId(
                    id, h -> h.execute("CREATE TABLE IF NOT EXISTS agent (id bigint PRIMARY KEY, name text NOT NULL)"));
            db.withShardId(id, h -> h.execute("TRUNCATE agent"));
        }
    }
}
