package org.shardkit.core.config;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.idgen.PostgresWorkerIdAssigner;
import org.shardkit.core.idgen.RedisWorkerIdAssigner;
import org.shardkit.idgen.IdLayout;

/**
 * Snowflake ID generation for {@link org.shardkit.core.ShardedDatabase#ids()}: the epoch, and where
 * the worker id comes from.
 *
 * <pre>{@code
 * IdGenConfig idgen = IdGenConfig.builder().source(IdGenConfig.Source.POSTGRES).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class IdGenConfig {
    /** Default epoch: the library's, {@link IdLayout#DEFAULT_EPOCH} (2025-01-01T00:00:00Z). */
    public static final Instant DEFAULT_EPOCH = IdLayout.DEFAULT_EPOCH;
    /** Default lease table on shard 0 for {@link Source#POSTGRES}: {@value}. */
    public static final String DEFAULT_TABLE = PostgresWorkerIdAssigner.DEFAULT_TABLE;
    /** Default prefix of the lease keys for {@link Source#REDIS}: {@value}. */
    public static final String DEFAULT_KEY_PREFIX = RedisWorkerIdAssigner.DEFAULT_KEY_PREFIX;

    private static final long MAX_WORKER_ID = IdLayout.ofDefaults().maxWorkerId();
    private static final IdGenConfig DEFAULTS = builder().build();

    /** Where the worker id comes from. */
    public enum Source {
        /** A fixed id ({@code workerId.id}): the deployment gives each process its own. */
        STATIC,
        /** A lease in a table on shard 0's primary, renewed by heartbeat. */
        POSTGRES,
        /** A lease in Redis ({@code workerId.redis}), renewed by heartbeat; needs Jedis on the class path. */
        REDIS;

        /** Returns the name configuration files use: {@code static}, {@code postgres}, {@code redis}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Instant epoch;
    private final Source source;
    private final int workerId;
    private final String table;
    private final @Nullable URI redis;
    private final Secret redisPassword;
    private final String keyPrefix;
    private final boolean workerIdGiven;

    private IdGenConfig(Builder b) {
        this.epoch = b.epoch;
        this.source = b.source;
        this.workerId = b.workerId;
        this.table = b.table;
        this.redis = b.redis;
        this.redisPassword = b.redisPassword;
        this.keyPrefix = b.keyPrefix;
        this.workerIdGiven = b.workerIdGiven;
    }

    /**
     * Returns the defaults: the library's epoch, and no worker id: {@link #hasWorkerId()} is false,
     * so {@link org.shardkit.core.ShardedDatabase#ids()} refuses to issue IDs until one is set.
     */
    public static IdGenConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the instant that timestamp 0 stands for. */
    public Instant epoch() {
        return epoch;
    }

    /**
     * Tells whether a worker id was chosen ({@code source} or {@code id} given). Without one, {@link
     * org.shardkit.core.ShardedDatabase#ids()} throws rather than let every process use worker 0 and
     * issue the same IDs.
     */
    public boolean hasWorkerId() {
        return workerIdGiven;
    }

    /** Returns where the worker id comes from. */
    public Source source() {
        return source;
    }

    /** Returns the worker id for {@link Source#STATIC}, {@code 0..1023}. */
    public int workerId() {
        return workerId;
    }

    /** Returns the lease table on shard 0 for {@link Source#POSTGRES}. */
    public String table() {
        return table;
    }

    /** Returns the Redis server for {@link Source#REDIS}, e.g. {@code redis://cache:6379/0}, or null. */
    public @Nullable URI redis() {
        return redis;
    }

    /** Returns the Redis password (never shown by {@code toString}). */
    public Secret redisPassword() {
        return redisPassword;
    }

    /** Returns the prefix of the lease keys for {@link Source#REDIS}; processes that share worker ids share it. */
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IdGenConfig c
                && epoch.equals(c.epoch)
                && source == c.source
                && workerId == c.workerId
                && table.equals(c.table)
                && Objects.equals(redis, c.redis)
                && redisPassword.equals(c.redisPassword)
                && keyPrefix.equals(c.keyPrefix)
                && workerIdGiven == c.workerIdGiven;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, source, workerId, table, redis, redisPassword, keyPrefix, workerIdGiven);
    }

    @Override
    public String toString() {
        return "IdGenConfig[epoch=" + epoch + ", source=" + (workerIdGiven ? source : "(not set)") + ", workerId="
                + workerId + ", table=" + table
                + ", redis=" + redis + ", redisPassword=" + redisPassword + ", keyPrefix=" + keyPrefix + "]";
    }

    /**
     * Builds an {@link IdGenConfig}. Each setter checks its value at once and may be called once;
     * {@link #build()} checks that the chosen source has what it needs.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private Instant epoch = DEFAULT_EPOCH;
        private Source source = Source.STATIC;
        private int workerId;
        private String table = DEFAULT_TABLE;
        private @Nullable URI redis;
        private Secret redisPassword = Secret.empty();
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private boolean workerIdGiven;

        private Builder(@Nullable IdGenConfig base) {
            if (base != null) {
                epoch = base.epoch;
                source = base.source;
                workerId = base.workerId;
                table = base.table;
                redis = base.redis;
                redisPassword = base.redisPassword;
                keyPrefix = base.keyPrefix;
                workerIdGiven = base.workerIdGiven;
            }
        }

        /**
         * Sets the epoch: an instant shortly before the first ID, never changed afterwards (IDs issued
         * under two epochs can collide). One in the future is refused when the generator starts.
         *
         * @param value the epoch
         * @return this builder
         */
        public Builder epoch(Instant value) {
            given.once("epoch", epoch, value);
            this.epoch = Objects.requireNonNull(value, "epoch");
            return this;
        }

        /**
         * Sets where the worker id comes from; default {@link Source#STATIC}.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            given.once("source", source, value);
            this.source = Objects.requireNonNull(value, "source");
            this.workerIdGiven = true;
            return this;
        }

        /**
         * Sets the source by the name configuration files use: {@code static}, {@code postgres} or
         * {@code redis}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder source(String name) {
            Objects.requireNonNull(name, "source");
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (Source s : Source.values()) {
                if (s.toString().equals(wanted)) {
                    return source(s);
                }
            }
            throw new InvalidSettingException("source", "must be one of static, postgres, redis", "'" + name + "'");
        }

        /**
         * Sets the worker id for {@link Source#STATIC}; {@code 0..1023} (the default layout's 10 bits).
         *
         * @param value the worker id
         * @return this builder
         */
        public Builder workerId(long value) {
            given.once("id", workerId, value);
            this.workerId = Settings.intIn("id", value, 0, MAX_WORKER_ID);
            this.workerIdGiven = true;
            return this;
        }

        /**
         * Sets the lease table on shard 0 for {@link Source#POSTGRES}; default {@value #DEFAULT_TABLE}.
         *
         * @param value a table name, optionally schema-qualified, lower case
         * @return this builder
         */
        public Builder table(String value) {
            given.once("table", table, value);
            this.table = Settings.text(
                    "table",
                    value,
                    PostgresWorkerIdAssigner.TABLE_PATTERN,
                    "a lower-case table name, optionally schema-qualified");
            return this;
        }

        /**
         * Sets the Redis server for {@link Source#REDIS}.
         *
         * @param value {@code redis://host:port[/database]} or {@code rediss://...}; no password in it
         * @return this builder
         */
        public Builder redis(URI value) {
            given.once("redis", redis, value);
            Objects.requireNonNull(value, "redis");
            // Checked first, and never echoed: user information may be a password (redis://secret@host is
            // how some clients write one), and it must not reach a message, a log line or toString.
            // A URI whose authority does not parse as host:port (redis://:secret@host:bad) has no user
            // information to java.net.URI, yet carries it: the authority is looked at too.
            String authority = value.getRawAuthority();
            if (value.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
                throw new InvalidSettingException(
                        "redis",
                        "must not carry user information (a password goes in redisPassword: ${VAR})",
                        "a URI with user information");
            }
            String scheme = value.getScheme();
            String path = value.getPath();
            if (value.getHost() == null
                    || !("redis".equals(scheme) || "rediss".equals(scheme))
                    || (path != null && !path.isEmpty() && !path.matches("/\\d{0,2}"))
                    || value.getQuery() != null) {
                throw new InvalidSettingException(
                        "redis", "must be redis://host:port[/database] or rediss://...", "'" + value + "'");
            }
            this.redis = value;
            return this;
        }

        /**
         * Sets the Redis password.
         *
         * @param value the password
         * @return this builder
         */
        public Builder redisPassword(Secret value) {
            given.once("redisPassword", redisPassword, value);
            this.redisPassword = Objects.requireNonNull(value, "redisPassword");
            return this;
        }

        /**
         * Sets the prefix of the Redis lease keys; default {@value #DEFAULT_KEY_PREFIX}.
         *
         * @param value up to 200 printable ASCII characters without spaces, may be empty
         * @return this builder
         */
        public Builder keyPrefix(String value) {
            given.once("keyPrefix", keyPrefix, value);
            this.keyPrefix = Settings.text(
                    "keyPrefix", value, "[\\x21-\\x7E]{0,200}", "up to 200 printable ASCII characters without spaces");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if the source is {@code redis} and no server is set
         */
        public IdGenConfig build() {
            if (source == Source.REDIS && redis == null) {
                throw new InvalidSettingException(
                        "redis", "must be set when source is redis (redis://host:port)", "missing");
            }
            return new IdGenConfig(this);
        }
    }
}
