package org.shardkit.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the Redis server that is the cache's second level and its invalidation bus: host,
 * port, user, password, TLS, database index and the (short) timeouts that keep a dead Redis from
 * stalling reads.
 *
 * <p>The password never appears in {@link #toString()}, in exceptions or in logs. Take it from the
 * environment with {@link Builder#passwordFromEnvironment(Map, String)} rather than from a file in
 * the repository.
 *
 * <pre>{@code
 * RedisSettings redis = RedisSettings.builder()
 *         .host("redis.internal")
 *         .port(6380)
 *         .tls(true)
 *         .database(2)
 *         .passwordFromEnvironment(System.getenv(), "REDIS_PASSWORD")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisSettings {
    /** Default host, {@code 127.0.0.1}. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port, 6379. */
    public static final int DEFAULT_PORT = 6379;
    /** Default connect timeout: 200 ms. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(200);
    /** Default socket (read) timeout of a command: 200 ms. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(200);
    /** Default longest wait for a pooled connection: 50 ms. */
    public static final Duration DEFAULT_POOL_MAX_WAIT = Duration.ofMillis(50);
    /** Default number of pooled connections: 16. */
    public static final int DEFAULT_POOL_SIZE = 16;

    private final String host;
    private final int port;
    private final @Nullable String user;
    private final @Nullable String password;
    private final boolean tls;
    private final int database;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration poolMaxWait;
    private final int poolSize;

    private RedisSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.password = b.password;
        this.tls = b.tls;
        this.database = b.database;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.poolMaxWait = b.poolMaxWait;
        this.poolSize = b.poolSize;
    }

    /**
     * Returns a builder with the defaults: {@code 127.0.0.1:6379}, no password, no TLS, database 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the settings for a Redis on {@code host:port} with every other setting at its default.
     *
     * @param host the host
     * @param port the port, in [1, 65535]
     * @return the settings
     * @throws IllegalArgumentException if the host is blank or the port out of range
     */
    public static RedisSettings of(String host, int port) {
        return builder().host(host).port(port).build();
    }

    /** Returns the host. */
    public String host() {
        return host;
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /** Returns the ACL user, if one is set. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * Returns the password, if one is set. Handle it with care: it is the only accessor that reveals
     * it.
     *
     * @return the password
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Tells whether connections use TLS. */
    public boolean tls() {
        return tls;
    }

    /** Returns the database index ({@code SELECT n}). */
    public int database() {
        return database;
    }

    /** Returns the connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the socket (read) timeout of a command. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Returns the longest a command waits for a pooled connection. */
    public Duration poolMaxWait() {
        return poolMaxWait;
    }

    /** Returns the number of pooled connections (the subscriber has one more of its own). */
    public int poolSize() {
        return poolSize;
    }

    /** Equal when every setting, the password included, is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RedisSettings x
                && java.util.Objects.equals(host, x.host)
                && java.util.Objects.equals(port, x.port)
                && java.util.Objects.equals(user, x.user)
                && java.util.Objects.equals(password, x.password)
                && java.util.Objects.equals(tls, x.tls)
                && java.util.Objects.equals(database, x.database)
                && java.util.Objects.equals(connectTimeout, x.connectTimeout)
                && java.util.Objects.equals(socketTimeout, x.socketTimeout)
                && java.util.Objects.equals(poolMaxWait, x.poolMaxWait)
                && java.util.Objects.equals(poolSize, x.poolSize);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                host, port, user, password, tls, database, connectTimeout, socketTimeout, poolMaxWait, poolSize);
    }

    /** Returns a description without the password, e.g. {@code RedisSettings[127.0.0.1:6379 db=0 tls=false password=***]}. */
    @Override
    public String toString() {
        return "RedisSettings[" + host + ":" + port + " db=" + database + " tls=" + tls
                + (user != null ? " user=" + user : "")
                + " password=" + (password != null ? "***" : "none")
                + " connectTimeout=" + connectTimeout.toMillis() + "ms socketTimeout=" + socketTimeout.toMillis()
                + "ms poolSize=" + poolSize + "]";
    }

    /**
     * Builds {@link RedisSettings}; every setter validates its argument at once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private @Nullable String user;
        private @Nullable String password;
        private boolean tls;
        private int database;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration poolMaxWait = DEFAULT_POOL_MAX_WAIT;
        private int poolSize = DEFAULT_POOL_SIZE;

        private Builder() {}

        /**
         * Sets the host; default {@value RedisSettings#DEFAULT_HOST}.
         *
         * @param host a host name or address
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder host(String host) {
            this.host = Checks.notBlank("host", host);
            return this;
        }

        /**
         * Sets the port; default {@value RedisSettings#DEFAULT_PORT}.
         *
         * @param port in [1, 65535]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            this.port = Checks.port("port", port);
            return this;
        }

        /**
         * Sets the ACL user (Redis 6+); default none (the {@code default} user).
         *
         * @param user the user name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder user(String user) {
            this.user = Checks.notBlank("user", user);
            return this;
        }

        /**
         * Sets the password; default none. An empty string means none.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            Objects.requireNonNull(password, "password");
            this.password = password.isEmpty() ? null : password;
            return this;
        }

        /**
         * Takes the password from an environment variable, e.g. {@code
         * passwordFromEnvironment(System.getenv(), "REDIS_PASSWORD")}.
         *
         * @param environment the environment (usually {@link System#getenv()})
         * @param variable the variable's name
         * @return this builder
         * @throws IllegalArgumentException if the variable is not set; the message names the variable,
         *     never a value
         */
        public Builder passwordFromEnvironment(Map<String, String> environment, String variable) {
            Objects.requireNonNull(environment, "environment");
            Checks.notBlank("variable", variable);
            String value = environment.get(variable);
            if (value == null) {
                throw new IllegalArgumentException(
                        "the Redis password was to come from environment variable " + variable + ", but it is not set");
            }
            return password(value);
        }

        /**
         * Turns TLS on or off; default off.
         *
         * @param tls whether to use TLS (the JVM's default trust store verifies the server)
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Sets the database index; default 0.
         *
         * @param database at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder database(int database) {
            this.database = Checks.nonNegative("database", database);
            return this;
        }

        /**
         * Sets the connect timeout; default 200 ms ({@link RedisSettings#DEFAULT_CONNECT_TIMEOUT}).
         *
         * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.timeout("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets the socket (read) timeout of a command; default 200 ms ({@link
         * RedisSettings#DEFAULT_SOCKET_TIMEOUT}). Keep it short: a read waits at most this long for
         * Redis before it falls back to the loader.
         *
         * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = Checks.timeout("socketTimeout", timeout);
            return this;
        }

        /**
         * Sets the longest a command waits for a pooled connection; default 50 ms ({@link
         * RedisSettings#DEFAULT_POOL_MAX_WAIT}).
         *
         * @param maxWait between 1 ms and {@link Integer#MAX_VALUE} ms
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder poolMaxWait(Duration maxWait) {
            this.poolMaxWait = Checks.timeout("poolMaxWait", maxWait);
            return this;
        }

        /**
         * Sets the number of pooled connections; default {@value RedisSettings#DEFAULT_POOL_SIZE}.
         *
         * @param size at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder poolSize(int size) {
            this.poolSize = (int) Checks.positive("poolSize", size);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public RedisSettings build() {
            return new RedisSettings(this);
        }
    }
}
