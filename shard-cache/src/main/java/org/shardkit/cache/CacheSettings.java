package org.shardkit.cache;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TwoLevelCache} is configured with: the Redis connection, the namespaces, the
 * prefix of every Redis key and the invalidation channel. Built in code with {@link #builder()} or
 * bound from flat properties (e.g. a service's YAML) with {@link #fromProperties(Map, Map)}.
 *
 * <p>Immutable and thread-safe; never the runtime object.
 */
public final class CacheSettings {
    /** Default prefix of every Redis key and of the channel: {@code shardkit:cache:}. */
    public static final String DEFAULT_KEY_PREFIX = "shardkit:cache:";
    /** Default interval of the subscriber's PING: 1 second. A lost connection is noticed within 3 of them. */
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Default pause between reconnect attempts while Redis is down: 250 ms. */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(250);
    /** Default longest {@code build()} waits for the first subscription: 2 seconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(2);
    /** The prefix of every property {@link #fromProperties(Map, Map)} reads: {@code shardkit.cache.}. */
    public static final String PROPERTY_PREFIX = "shardkit.cache.";

    private final RedisSettings redis;
    private final Map<String, NamespaceSettings> namespaces;
    private final String keyPrefix;
    private final String channel;
    private final Duration healthCheckInterval;
    private final Duration reconnectDelay;
    private final Duration startTimeout;

    private CacheSettings(Builder b) {
        this.redis = b.redis;
        this.namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(b.namespaces));
        this.keyPrefix = b.keyPrefix;
        this.channel = b.channel != null ? b.channel : b.keyPrefix + "invalidations";
        this.healthCheckInterval = b.healthCheckInterval;
        this.reconnectDelay = b.reconnectDelay;
        this.startTimeout = b.startTimeout;
    }

    /**
     * Returns a builder with the defaults and no namespaces.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the Redis connection settings. */
    public RedisSettings redis() {
        return redis;
    }

    /** Returns the namespaces by name, in the order they were added. */
    public Map<String, NamespaceSettings> namespaces() {
        return namespaces;
    }

    /** Returns the prefix of every Redis key the cache writes. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Returns the pub/sub channel invalidations travel on. */
    public String channel() {
        return channel;
    }

    /** Returns the interval of the subscriber connection's PING. */
    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    /** Returns the pause between reconnect attempts. */
    public Duration reconnectDelay() {
        return reconnectDelay;
    }

    /** Returns the longest {@code build()} waits for the first subscription before it goes on degraded. */
    public Duration startTimeout() {
        return startTimeout;
    }

    @Override
    public String toString() {
        return "CacheSettings[" + redis + " keyPrefix=" + keyPrefix + " channel=" + channel + " namespaces="
                + namespaces.values() + "]";
    }

    /**
     * Binds settings from flat properties under {@value #PROPERTY_PREFIX} (the keys are listed in
     * {@code docs/cache.md}), e.g. {@code shardkit.cache.redis.host=redis},
     * {@code shardkit.cache.redis.password-env=REDIS_PASSWORD},
     * {@code shardkit.cache.namespaces.agents.ttl=10m}. Durations are ISO-8601 ({@code PT10M}) or a
     * number with {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}. Properties without the
     * prefix are ignored; unknown ones under it are an error, so typos do not pass silently. The
     * password can only come from the environment variable that {@code redis.password-env} names.
     *
     * @param properties the properties
     * @param environment where {@code password-env} is looked up (usually {@link System#getenv()})
     * @return the settings
     * @throws IllegalArgumentException naming the property and its value if one is unknown or invalid
     */
    public static CacheSettings fromProperties(Map<String, String> properties, Map<String, String> environment) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(environment, "environment");
        Builder cache = builder();
        RedisSettings.Builder redis = RedisSettings.builder();
        Map<String, NamespaceSettings.Builder> namespaces = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        Pattern nsKey = Pattern.compile("namespaces\\.([^.]+)\\.([a-z-]+)");
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            if (!e.getKey().startsWith(PROPERTY_PREFIX)) {
                continue;
            }
            String key = e.getKey().substring(PROPERTY_PREFIX.length());
            String value = e.getValue().trim();
            String property = e.getKey();
            Matcher m = nsKey.matcher(key);
            if (m.matches()) {
                NamespaceSettings.Builder ns = namespaces.computeIfAbsent(m.group(1), NamespaceSettings::builder);
                switch (m.group(2)) {
                    case "ttl" -> bind(property, value, v -> ns.ttl(parseDuration(property, v)));
                    case "local-ttl" -> bind(property, value, v -> ns.localTtl(parseDuration(property, v)));
                    case "max-size" -> bind(property, value, v -> ns.maxSize(Long.parseLong(v)));
                    case "local-cache" -> bind(property, value, v -> ns.localCache(parseBoolean(property, v)));
                    case "negative-ttl" -> bind(property, value, v -> ns.negativeTtl(parseDuration(property, v)));
                    case "max-value-bytes" -> bind(property, value, v -> ns.maxValueBytes(Integer.parseInt(v)));
                    default -> unknown.add(property);
                }
                continue;
            }
            switch (key) {
                case "key-prefix" -> bind(property, value, cache::keyPrefix);
                case "channel" -> bind(property, value, cache::channel);
                case "health-check-interval" ->
                    bind(property, value, v -> cache.healthCheckInterval(parseDuration(property, v)));
                case "reconnect-delay" -> bind(property, value, v -> cache.reconnectDelay(parseDuration(property, v)));
                case "start-timeout" -> bind(property, value, v -> cache.startTimeout(parseDuration(property, v)));
                case "redis.host" -> bind(property, value, redis::host);
                case "redis.port" -> bind(property, value, v -> redis.port(Integer.parseInt(v)));
                case "redis.user" -> bind(property, value, redis::user);
                case "redis.password-env" -> bind(property, value, v -> redis.passwordFromEnvironment(environment, v));
                case "redis.password" ->
                    throw new IllegalArgumentException(property
                            + " is not accepted: secrets do not belong in configuration files; set "
                            + PROPERTY_PREFIX + "redis.password-env to the name of an environment variable instead");
                case "redis.tls" -> bind(property, value, v -> redis.tls(parseBoolean(property, v)));
                case "redis.database" -> bind(property, value, v -> redis.database(Integer.parseInt(v)));
                case "redis.connect-timeout" ->
                    bind(property, value, v -> redis.connectTimeout(parseDuration(property, v)));
                case "redis.socket-timeout" ->
                    bind(property, value, v -> redis.socketTimeout(parseDuration(property, v)));
                case "redis.pool-size" -> bind(property, value, v -> redis.poolSize(Integer.parseInt(v)));
                case "redis.pool-max-wait" -> bind(property, value, v -> redis.poolMaxWait(parseDuration(property, v)));
                default -> unknown.add(property);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown cache properties " + unknown + "; see docs/cache.md");
        }
        cache.redis(redis.build());
        namespaces.values().forEach(ns -> cache.namespace(ns.build()));
        return cache.build();
    }

    private static void bind(String property, String value, Consumer<String> setter) {
        try {
            setter.accept(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a number, but was '" + value + "'", e);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith(property)) {
                throw e;
            }
            // The builder's message names the setting and the value; add the property it came from.
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String property, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(property + " must be true or false, but was '" + value + "'");
        };
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    static Duration parseDuration(String property, String value) {
        Matcher m = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    property + " must be a duration such as 500ms, 30s, 10m or PT10M, but was '" + value + "'", e);
        }
    }

    /**
     * Builds {@link CacheSettings}; every setter validates its argument at once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private RedisSettings redis = RedisSettings.builder().build();
        private final Map<String, NamespaceSettings> namespaces = new LinkedHashMap<>();
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private @Nullable String channel;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {}

        /**
         * Sets the Redis connection; default {@code 127.0.0.1:6379}.
         *
         * @param redis the connection settings
         * @return this builder
         */
        public Builder redis(RedisSettings redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            return this;
        }

        /**
         * Adds a namespace.
         *
         * @param namespace its settings
         * @return this builder
         * @throws IllegalArgumentException if a namespace of that name was added already
         */
        public Builder namespace(NamespaceSettings namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (namespaces.containsKey(namespace.name())) {
                throw new IllegalArgumentException("namespace '" + namespace.name() + "' was added twice");
            }
            namespaces.put(namespace.name(), namespace);
            return this;
        }

        /**
         * Sets the prefix of every Redis key and, unless {@link #channel(String)} is set, of the
         * channel; default {@value CacheSettings#DEFAULT_KEY_PREFIX}. Services sharing a Redis use
         * different prefixes.
         *
         * @param keyPrefix not blank
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Checks.notBlank("keyPrefix", keyPrefix);
            return this;
        }

        /**
         * Sets the invalidation channel; default the key prefix followed by {@code invalidations}.
         *
         * @param channel not blank
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder channel(String channel) {
            this.channel = Checks.notBlank("channel", channel);
            return this;
        }

        /**
         * Sets the interval of the subscriber's PING; default 1 s. A subscription that misses three
         * PONGs is treated as lost.
         *
         * @param interval at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = Checks.timeout("healthCheckInterval", interval);
            return this;
        }

        /**
         * Sets the pause between reconnect attempts; default 250 ms.
         *
         * @param delay at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = Checks.timeout("reconnectDelay", delay);
            return this;
        }

        /**
         * Sets the longest {@code build()} waits for the first subscription; default 2 s. If Redis does
         * not answer in that time the cache starts degraded and connects later.
         *
         * @param timeout at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Checks.timeout("startTimeout", timeout);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public CacheSettings build() {
            return new CacheSettings(this);
        }
    }
}
