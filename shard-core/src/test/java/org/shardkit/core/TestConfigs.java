package org.shardkit.core;

import java.time.Duration;
import java.util.List;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.TestShard;

/** Shard configurations over the test kit's shards, shared by the integration tests. */
final class TestConfigs {
    private TestConfigs() {}

    /** Returns the endpoint of a test shard (its class schema, user and password). */
    static EndpointConfig endpoint(TestShard s) {
        return EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password()));
    }

    /** Returns a pool of {@code size} connections, none idle, that gives up after {@code timeout}. */
    static PoolConfig pool(int size, Duration timeout) {
        return new PoolConfig(size, 0, timeout, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Adds one shard per test shard, named {@code social_<index>}, without replicas.
     *
     * @param builder the configuration being built
     * @param shards the test shards
     * @param pool each shard's pool
     * @return the builder
     */
    static ShardkitConfig.Builder withShards(ShardkitConfig.Builder builder, List<TestShard> shards, PoolConfig pool) {
        for (TestShard s : shards) {
            builder.shard(new ShardConfig(s.index(), "social_" + s.index(), endpoint(s), List.of(), pool));
        }
        return builder;
    }
}
