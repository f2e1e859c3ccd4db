package org.shardkit.core.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestRedis;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

class RedisWorkerIdAssignerIT extends WorkerIdLeaseContract {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).redis().build();

    private static JedisPooled redis;
    /** A fresh key space per test, inside the kit's per-class prefix. */
    private final String prefix = servers.redis().keyPrefix() + UUID.randomUUID() + ":";

    @BeforeAll
    static void connect() {
        TestRedis r = servers.redis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
        if (!r.password().isEmpty()) {
            config.password(r.password());
        }
        redis = new JedisPooled(new HostAndPort(r.host(), r.port()), config.build());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    void clearStore() {
        for (String key : redis.keys(prefix + "*")) {
            redis.del(key);
        }
    }

    @Override
    WorkerIdAssigner newAssigner(@Nullable ScheduledExecutorService scheduler) {
        LeaseAssignerBuilder<RedisWorkerIdAssigner> builder = RedisWorkerIdAssigner.builder(redis, prefix)
                .leaseTtl(TTL)
                .safetyMargin(MARGIN)
                .renewInterval(RENEW_INTERVAL);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        return builder.build();
    }

    @Override
    void expireInStore(long workerId) {
        // PEXPIRE with 0 deletes the key at once: the server-side TTL has run out.
        redis.pexpire(prefix + "worker:" + workerId, 0);
    }

    @Override
    long storedLastTimestamp(long workerId) {
        return Long.parseLong(redis.get(prefix + "worker:" + workerId + ":last"));
    }

    @Override
    int renewAll(WorkerIdAssigner assigner) {
        return ((RedisWorkerIdAssigner) assigner).renewAll();
    }

    @Test
    void acquire_setsOwnerWithServerTtl() {
        RedisWorkerIdAssigner assigner = (RedisWorkerIdAssigner) stack();
        assigner.acquire(1023, clockAt(T0));

        assertThat(redis.get(assigner.leaseKey(0))).contains("#");
        assertThat(redis.pttl(assigner.leaseKey(0))).isBetween(3_500_000L, 3_600_000L);
    }
}
