package org.shardkit.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.internal.RedisLink;
import org.shardkit.cache.spi.ValueCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * A two-level cache: Caffeine in this process (L1) in front of Redis (L2), read through with
 * single-flight loads, and invalidated on every node through Redis pub/sub. It is the entry point of
 * {@code shard-cache}; values are read and invalidated through its {@linkplain CacheNamespace
 * namespaces}.
 *
 * <pre>{@code
 * try (TwoLevelCache cache = TwoLevelCache.builder()
 *         .settings(CacheSettings.builder()
 *                 .redis(RedisSettings.builder()
 *                         .host("redis.internal")
 *                         .passwordFromEnvironment(System.getenv(), "REDIS_PASSWORD")
 *                         .build())
 *                 .namespace(NamespaceSettings.builder("agents").ttl(Duration.ofMinutes(10)).build())
 *                 .build())
 *         .meterRegistry(registry)
 *         .build()) {
 *     CacheNamespace<Agent> agents = cache.namespace("agents", Agent.class);
 *     Agent agent = agents.get("42", id -> repository.find(Long.parseLong(id)));
 * }
 * }</pre>
 *
 * <p>When Redis cannot be reached the cache is <em>degraded</em>: it serves L1 and calls loaders, never
 * throws a Redis error, reports {@code shardkit.cache.degraded = 1}, and on reconnecting clears L1
 * before it uses Redis again. {@code docs/cache.md} states exactly what is guaranteed.
 *
 * <p>Thread-safe. Each instance owns a Redis pool, a subscriber thread and a health-check thread;
 * {@link #close()} releases them.
 */
public final class TwoLevelCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TwoLevelCache.class);

    private final CacheSettings settings;
    private final Ticker ticker;
    private final ObjectMapper objectMapper;
    private final MeterRegistry registry;
    private final Map<String, NamespaceState> states;
    private final ConcurrentHashMap<String, CacheNamespace<?>> views = new ConcurrentHashMap<>();
    private final RedisLink link;
    private final Invalidations invalidations;

    private TwoLevelCache(Builder b, CacheSettings settings) {
        this.settings = settings;
        this.ticker = b.ticker;
        this.objectMapper = b.objectMapper != null ? b.objectMapper : new ObjectMapper().findAndRegisterModules();
        boolean stats = b.registry != null;
        this.registry = b.registry != null ? b.registry : new CompositeMeterRegistry();
        Tags tags = Tags.of("instance", b.name);
        Map<String, NamespaceState> byName = new LinkedHashMap<>();
        for (NamespaceSettings ns : settings.namespaces().values()) {
            byName.put(ns.name(), new NamespaceState(ns, settings.keyPrefix(), ticker, registry, tags, stats));
        }
        this.states = Collections.unmodifiableMap(byName);
        this.invalidations = new Invalidations(states, settings.channel(), registry, tags);
        RedisSettings r = settings.redis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) r.connectTimeout().toMillis())
                .socketTimeoutMillis((int) r.socketTimeout().toMillis())
                .database(r.database())
                .ssl(r.tls())
                .clientName("shardkit-cache");
        r.user().ifPresent(client::user);
        r.password().ifPresent(client::password);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(r.poolSize());
        pool.setMaxIdle(r.poolSize());
        pool.setMaxWait(r.poolMaxWait());
        pool.setBlockWhenExhausted(true);
        this.link = new RedisLink(
                r.host(),
                r.port(),
                client.build(),
                pool,
                settings.channel(),
                settings.reconnectDelay(),
                settings.healthCheckInterval(),
                invalidations);
        invalidations.attach(link);
        Gauge.builder("shardkit.cache.degraded", link, l -> l.available() ? 0 : 1)
                .description("1 while Redis is unreachable and the cache serves L1 and loads only")
                .tags(tags)
                .register(registry);
        Gauge.builder("shardkit.cache.invalidations.pending", invalidations, Invalidations::pending)
                .description("invalidations made while Redis was unreachable, replayed on reconnect")
                .tags(tags)
                .register(registry);
        link.start();
        if (!link.awaitFirstSubscription(settings.startTimeout())) {
            log.warn(
                    "Redis at {}:{} did not answer within {}; the cache starts degraded and keeps reconnecting",
                    r.host(),
                    r.port(),
                    settings.startTimeout());
        }
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the namespace {@code name} with JSON values of {@code type} (through {@link JsonCodec}
     * and the builder's {@link ObjectMapper}). Repeated calls with the same type return the same
     * object.
     *
     * @param name a namespace from the settings
     * @param type the value class
     * @param <V> the value type
     * @return the namespace
     * @throws IllegalArgumentException if there is no such namespace, or it is bound to another type
     *     or codec
     */
    @SuppressWarnings("unchecked")
    public <V> CacheNamespace<V> namespace(String name, Class<V> type) {
        Objects.requireNonNull(type, "type");
        CacheNamespace<?> view = views.computeIfAbsent(
                name, n -> new CacheNamespace<>(invalidations, state(n), JsonCodec.of(objectMapper, type), type, link));
        if (view.valueType() != type) {
            throw new IllegalArgumentException(
                    "namespace '" + name + "' is bound to " + describe(view) + ", not to " + type.getName());
        }
        return (CacheNamespace<V>) view;
    }

    /**
     * Returns the namespace {@code name} with values stored through {@code codec}. Repeated calls with
     * the same codec return the same object.
     *
     * @param name a namespace from the settings
     * @param codec the codec
     * @param <V> the value type
     * @return the namespace
     * @throws IllegalArgumentException if there is no such namespace, or it is bound to another codec
     */
    @SuppressWarnings("unchecked")
    public <V> CacheNamespace<V> namespace(String name, ValueCodec<V> codec) {
        Objects.requireNonNull(codec, "codec");
        CacheNamespace<?> view =
                views.computeIfAbsent(name, n -> new CacheNamespace<>(invalidations, state(n), codec, null, link));
        if (view.codec() != codec) {
            throw new IllegalArgumentException(
                    "namespace '" + name + "' is bound to " + describe(view) + ", not to " + codec);
        }
        return (CacheNamespace<V>) view;
    }

    private static String describe(CacheNamespace<?> view) {
        Class<?> type = view.valueType();
        return type != null ? type.getName() : String.valueOf(view.codec());
    }

    private NamespaceState state(String name) {
        NamespaceState state = states.get(Objects.requireNonNull(name, "name"));
        if (state == null) {
            throw new IllegalArgumentException(
                    "namespace '" + name + "' is not configured; the namespaces are " + states.keySet());
        }
        return state;
    }

    /** Tells whether the cache is degraded: Redis unreachable, only L1 and loaders in use. */
    public boolean isDegraded() {
        return !link.available();
    }

    /** Returns the settings this cache was built with. */
    public CacheSettings settings() {
        return settings;
    }

    /** Stops the subscriber and health threads and closes the Redis pool. Idempotent. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "TwoLevelCache[" + settings + " degraded=" + isDegraded() + "]";
    }

    /**
     * Builds a {@link TwoLevelCache} from {@link CacheSettings} and the runtime collaborators: the
     * meter registry, the ticker and the Jackson mapper.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private CacheSettings settings = CacheSettings.builder().build();
        private @Nullable MeterRegistry registry;
        private Ticker ticker = Ticker.systemTicker();
        private @Nullable ObjectMapper objectMapper;
        private String name = "default";

        private Builder() {}

        /**
         * Sets the settings; default: Redis on {@code 127.0.0.1:6379} and no namespaces.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(CacheSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets the registry meters are registered in; default none (no meters, and Caffeine records no
         * statistics). Meters carry the tag {@code instance} (see {@link #name(String)}) and, per
         * namespace, {@code cache}.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Sets the time source of L1 expiry and of negative entries; default {@link
         * Ticker#systemTicker()}. Tests pass a fake one.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets the Jackson mapper of {@link TwoLevelCache#namespace(String, Class)}; default a plain
         * mapper with the modules found on the class path.
         *
         * @param objectMapper the mapper; it must not be reconfigured afterwards
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * Sets the value of the {@code instance} tag on this cache's meters; default {@code default}.
         *
         * @param name not blank
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder name(String name) {
            this.name = Checks.notBlank("name", name);
            return this;
        }

        /**
         * Builds the cache: connects to Redis and waits up to {@link CacheSettings#startTimeout()} for
         * the subscription. If Redis does not answer, the cache starts degraded (no exception) and
         * keeps reconnecting.
         *
         * @return the cache
         */
        public TwoLevelCache build() {
            return new TwoLevelCache(this, settings);
        }
    }
}
