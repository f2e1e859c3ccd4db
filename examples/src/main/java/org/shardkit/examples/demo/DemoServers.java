package org.shardkit.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.core.config.CacheConfig;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.social.SocialCaching;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.RedisServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * Where the demo's data lives: by default {@value #EMBEDDED_SHARDS} embedded PostgreSQL servers and
 * an embedded Redis that it starts, and stops with their data deleted when closed; with {@code
 * --config}, the shards (and the cache's Redis, if the file has a {@code cache} section) that a
 * {@code shardkit.yaml} names, left alone when closed.
 *
 * <p>Thread-safe (immutable but for closing).
 */
final class DemoServers implements AutoCloseable {
    /** Embedded shards: {@value}, one PostgreSQL server each. */
    static final int EMBEDDED_SHARDS = 4;
    /** The worker id of the embedded configuration's ID generator (one process). */
    private static final int WORKER_ID = 1;
    /** Shard names of the embedded configuration: this prefix and the index. */
    private static final String SHARD_PREFIX = "social_";

    private final @Nullable ShardCluster cluster;
    private final ShardkitConfig config;
    private final @Nullable CacheSettings cache;
    private final String description;

    private DemoServers(
            @Nullable ShardCluster cluster, ShardkitConfig config, @Nullable CacheSettings cache, String description) {
        this.cluster = cluster;
        this.config = config;
        this.cache = cache;
        this.description = description;
    }

    /**
     * Starts {@value #EMBEDDED_SHARDS} embedded PostgreSQL servers and an embedded Redis, in parallel.
     *
     * @return the servers, their configuration (static worker id, default pools and routing) and the
     *     cache's settings
     * @throws org.shardkit.testing.TestKitException if a server cannot start
     */
    static DemoServers embedded() {
        ShardCluster cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(EMBEDDED_SHARDS)
                .redis()
                .start();
        try {
            ShardkitConfig.Builder config = ShardkitConfig.builder()
                    .idgen(IdGenConfig.builder().workerId(WORKER_ID).build());
            for (PostgresServer server : cluster.servers()) {
                config.shard(ShardConfig.of(
                        server.index(),
                        SHARD_PREFIX + server.index(),
                        EndpointConfig.of(server.jdbcUrl(), server.user(), Secret.of(server.password()))));
            }
            RedisServer redis = cluster.redis();
            // A connection for each worker (and its scatter parts), so that no call waits for one.
            RedisSettings.Builder r = RedisSettings.builder()
                    .host(redis.host())
                    .port(redis.port())
                    .poolSize(2 * SimulatedUsers.MAX_WORKERS)
                    .poolMaxWait(Duration.ofMillis(200));
            if (!redis.password().isEmpty()) {
                r.password(redis.password());
            }
            CacheSettings.Builder cache = CacheSettings.builder().redis(r.build());
            SocialCaching.namespaces().forEach(cache::namespace);
            return new DemoServers(
                    cluster,
                    config.build(),
                    cache.build(),
                    EMBEDDED_SHARDS + " embedded PostgreSQL servers (one per shard) and an embedded Redis at "
                            + redis.uri());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Reads a {@code shardkit.yaml}: its shards, and its cache section if it has one (with the
     * repository's namespaces added where the file does not set them).
     *
     * @param file the file
     * @return the configuration; nothing is started
     * @throws org.shardkit.core.config.ConfigurationException listing every problem of the file
     */
    static DemoServers external(Path file) {
        ShardkitConfig config = ShardkitConfig.fromYaml(Objects.requireNonNull(file, "file"));
        CacheConfig section = config.cache();
        CacheSettings cache = section == null ? null : withSocialNamespaces(section.settings());
        return new DemoServers(
                null,
                config,
                cache,
                config.shards().size() + " shards from " + file
                        + (cache == null ? ", no cache (the file has no cache section)" : ", the cache on its Redis"));
    }

    /** Returns the settings with the repository's namespaces added where they lack them. */
    static CacheSettings withSocialNamespaces(CacheSettings given) {
        CacheSettings.Builder b = CacheSettings.builder()
                .redis(given.redis())
                .keyPrefix(given.keyPrefix())
                .channel(given.channel())
                .healthCheckInterval(given.healthCheckInterval())
                .reconnectDelay(given.reconnectDelay())
                .startTimeout(given.startTimeout());
        given.namespaces().values().forEach(b::namespace);
        for (NamespaceSettings ns : SocialCaching.namespaces()) {
            if (!given.namespaces().containsKey(ns.name())) {
                b.namespace(ns);
            }
        }
        return b.build();
    }

    /** Returns the database's configuration. */
    ShardkitConfig config() {
        return config;
    }

    /** Returns the cache's settings, or null when the demo runs without a cache. */
    @Nullable
    CacheSettings cache() {
        return cache;
    }

    /** Tells whether the demo started the servers itself. */
    boolean startedHere() {
        return cluster != null;
    }

    /** Returns one line saying where the data lives. */
    String describe() {
        return description;
    }

    /** Stops the servers the demo started and deletes their data; external ones are left alone. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
