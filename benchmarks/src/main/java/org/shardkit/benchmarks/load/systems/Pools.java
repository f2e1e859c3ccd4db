package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;

/** The baselines' HikariCP pools, shaped like the pool shardkit gives each shard. */
final class Pools {
    private Pools() {}

    /**
     * Returns a pool to an endpoint with the pool configuration's size, minimum idle and connection
     * timeout, so that a baseline has as many connections per server as shardkit has per shard.
     */
    static HikariDataSource of(String name, EndpointConfig endpoint, PoolConfig pool) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(endpoint.url());
        hc.setUsername(endpoint.user());
        hc.setPassword(endpoint.password().reveal());
        hc.setMaximumPoolSize(pool.maximumSize());
        hc.setMinimumIdle(pool.minimumIdle());
        hc.setConnectionTimeout(pool.connectionTimeout().toMillis());
        hc.setRegisterMbeans(false);
        return new HikariDataSource(hc);
    }
}
