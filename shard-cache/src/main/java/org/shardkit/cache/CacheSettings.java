package org.shardkit.cache;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TwoLevelCache} is configured with: the Redis connection, the namespaces, the
 * prefix of every Redis key and the invalidation channel. Built in code with {@link #builder()}, or
 * read from the {@code cache} section of {@code shardkit.yaml} with shard-core's {@code
 * ShardkitConfig.fromYaml(...).cache().settings()}, with every problem reported with its path and
 * line.
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
    public boolean equals(@Nullable Object o) {
        return o instanceof CacheSettings x
                && java.util.Objects.equals(redis, x.redis)
                && java.util.Objects.equals(namespaces, x.namespaces)
                && java.util.Objects.equals(keyPrefix, x.keyPrefix)
                && java.util.Objects.equals(channel, x.channel)
                && java.util.Objects.equals(healthCheckInterval, x.healthCheckInterval)
                && java.util.Objects.equals(reconnectDelay, x.reconnectDelay)
                && java.util.Objects.equals(startTimeout, x.startTimeout);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                redis, namespaces, keyPrefix, channel, healthCheckInterval, reconnectDelay, startTimeout);
    }

    @Override
    public String toString() {
        return "CacheSettings[" + redis + " keyPrefix=" + keyPrefix + " channel=" + channel + " namespaces="
                + namespaces.values() + "]";
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
