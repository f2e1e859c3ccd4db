package org.shardkit.core;

import java.net.URI;
import java.util.List;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.idgen.RedisWorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis lease of {@link WorkerIds}, in a class of its own so that Jedis, an optional dependency,
 * is loaded only when the configuration asks for it.
 */
final class RedisWorkerIds {
    private RedisWorkerIds() {}

    /** Connects to the configured Redis and returns an assigner over it; both go into {@code owned}. */
    static WorkerIdAssigner assigner(IdGenConfig config, List<AutoCloseable> owned) {
        URI uri = java.util.Objects.requireNonNull(config.redis(), "redis");
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("shardkit-idgen");
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            client.database(Integer.parseInt(path.substring(1)));
        }
        if (!config.redisPassword().isEmpty()) {
            client.password(config.redisPassword().reveal());
        }
        JedisPooled jedis = new JedisPooled(
                new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), client.build());
        owned.add(jedis);
        RedisWorkerIdAssigner assigner =
                RedisWorkerIdAssigner.builder(jedis, config.keyPrefix()).build();
        owned.add(0, assigner);
        return assigner;
    }
}
