package org.shardkit.benchmarks;

import java.time.Duration;
import java.util.List;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.testing.PostgresServer;

/** The shardkit configuration the benchmarks share: one shard per embedded server, modulo routing. */
final class BenchmarkShards {
    private BenchmarkShards() {}

    /**
     * Returns a configuration over the servers with a fixed-size pool (1 s connection timeout).
     *
     * @param servers the servers, shard {@code i} being {@code servers.get(i)}
     * @param poolSize connections per shard, also the minimum idle
     * @return the configuration, routing by {@code floorMod(key, servers.size())}
     */
    static ShardkitConfig modulo(List<PostgresServer> servers, int poolSize) {
        PoolConfig pool = new PoolConfig(
                poolSize,
                poolSize,
                Duration.ofSeconds(1),
                PoolConfig.DEFAULT_MAX_LIFETIME,
                PoolConfig.DEFAULT_IDLE_TIMEOUT,
                Duration.ZERO);
        ShardkitConfig.Builder config =
                ShardkitConfig.builder().topology(TopologyConfig.of("modulo")).startup(StartupMode.EAGER);
        for (PostgresServer server : servers) {
            config.shard(new ShardConfig(
                    server.index(),
                    "bench_" + server.index(),
                    EndpointConfig.of(server.jdbcUrl(), server.user(), Secret.of(server.password())),
                    List.of(),
                    pool));
        }
        return config.build();
    }
}
