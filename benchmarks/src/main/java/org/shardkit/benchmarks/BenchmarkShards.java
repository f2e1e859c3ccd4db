package org.shardkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.routing.StrategyKind;
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
        PoolConfig pool = PoolConfig.builder()
                .maximumSize(poolSize)
                .minimumIdle(poolSize)
                .connectionTimeout(Duration.ofSeconds(1))
                .build();
        ShardkitConfig.Builder config = ShardkitConfig.builder()
                .topology(TopologyConfig.of(StrategyKind.MODULO))
                .startup(StartupMode.EAGER);
        for (PostgresServer server : servers) {
            EndpointConfig endpoint = EndpointConfig.of(server.jdbcUrl(), server.user(), Secret.of(server.password()));
            config.shard(ShardConfig.builder(server.index(), "bench_" + server.index(), endpoint)
                    .pool(pool)
                    .build());
        }
        return config.build();
    }

    /**
     * Returns a plain HikariCP pool of {@code size} connections to a server, none idle-retired, with
     * a 1 s connection timeout: the same pool shape {@link #modulo} gives shardkit, for baselines.
     *
     * @param name the pool's name
     * @param server the server
     * @param size connections, also the minimum idle
     * @return the pool; close it after use
     */
    static HikariDataSource fixedPool(String name, PostgresServer server, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(server.jdbcUrl());
        hc.setUsername(server.user());
        hc.setPassword(server.password());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        hc.setRegisterMbeans(false);
        return new HikariDataSource(hc);
    }
}
