package org.shardkit.core.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a shard's pools (primary and replicas): HikariCP's sizes and timeouts, and the
 * session every connection starts with (statement timeout, time zone, application name, connect
 * timeout), set through pgjdbc's startup parameters rather than a statement per borrow. The
 * top-level {@code pool} section gives defaults; a shard's own {@code pool} section overrides any
 * of them for that shard.
 *
 * <pre>{@code
 * PoolConfig pool = PoolConfig.builder().maximumSize(20).statementTimeout(Duration.ofSeconds(30)).build();
 * PoolConfig bigger = pool.toBuilder().maximumSize(40).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolConfig {
    /** Default {@code maximumSize}: {@value}. */
    public static final int DEFAULT_MAXIMUM_SIZE = 10;
    /** Largest {@code maximumSize}: {@value}. */
    public static final int MAX_MAXIMUM_SIZE = 10_000;
    /** Default {@code minimumIdle}: {@value}. */
    public static final int DEFAULT_MINIMUM_IDLE = 1;
    /** Default connection timeout: 1 second (HikariCP's 30 s default hides a dead shard for too long). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** Default maximum lifetime: 30 minutes. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** Default idle timeout: 10 minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Default TCP connect timeout of a new connection: 2 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    private static final PoolConfig DEFAULTS = new Builder(null).build();

    private final int maximumSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Duration maxLifetime;
    private final Duration idleTimeout;
    private final Duration leakDetectionThreshold;
    private final Duration connectTimeout;
    private final Duration statementTimeout;
    private final @Nullable ZoneId timeZone;
    private final @Nullable String applicationName;

    private PoolConfig(Builder b) {
        this.maximumSize = b.maximumSize;
        this.minimumIdle = b.minimumIdle;
        this.connectionTimeout = b.connectionTimeout;
        this.maxLifetime = b.maxLifetime;
        this.idleTimeout = b.idleTimeout;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.connectTimeout = b.connectTimeout;
        this.statementTimeout = b.statementTimeout;
        this.timeZone = b.timeZone;
        this.applicationName = b.applicationName;
    }

    /** Returns the defaults. */
    public static PoolConfig defaults() {
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

    /** Returns the most connections, {@code 1..}{@value #MAX_MAXIMUM_SIZE}; default {@value #DEFAULT_MAXIMUM_SIZE}. */
    public int maximumSize() {
        return maximumSize;
    }

    /** Returns the idle connections kept, {@code 0..maximumSize}; default {@value #DEFAULT_MINIMUM_IDLE}. */
    public int minimumIdle() {
        return minimumIdle;
    }

    /** Returns the longest wait for a pooled connection, {@code >= 250 ms}; default 1 s. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** Returns a connection's longest life, zero (none) or {@code >= 30 s}; default 30 min. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Returns how long an idle connection above {@code minimumIdle} is kept, zero (never) or {@code >= 10 s}. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns how long a connection may be out before a leak is logged, zero (off) or {@code >= 2 s}. */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** Returns the TCP connect and login timeout of a new connection, whole seconds, {@code >= 1 s}; default 2 s. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the server's {@code statement_timeout} for every session, zero for the server's own; default zero. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** Returns the session time zone, or null for the JVM's (pgjdbc's default). */
    public @Nullable ZoneId timeZone() {
        return timeZone;
    }

    /** Returns the session's {@code application_name}, or null for the pool's name ({@code shardkit-<shard>-primary}). */
    public @Nullable String applicationName() {
        return applicationName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PoolConfig p
                && maximumSize == p.maximumSize
                && minimumIdle == p.minimumIdle
                && connectionTimeout.equals(p.connectionTimeout)
                && maxLifetime.equals(p.maxLifetime)
                && idleTimeout.equals(p.idleTimeout)
                && leakDetectionThreshold.equals(p.leakDetectionThreshold)
                && connectTimeout.equals(p.connectTimeout)
                && statementTimeout.equals(p.statementTimeout)
                && Objects.equals(timeZone, p.timeZone)
                && Objects.equals(applicationName, p.applicationName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maximumSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                leakDetectionThreshold,
                connectTimeout,
                statementTimeout,
                timeZone,
                applicationName);
    }

    @Override
    public String toString() {
        return "PoolConfig[maximumSize=" + maximumSize + ", minimumIdle=" + minimumIdle + ", connectionTimeout="
                + Settings.format(connectionTimeout) + ", maxLifetime=" + Settings.format(maxLifetime)
                + ", idleTimeout=" + Settings.format(idleTimeout) + ", leakDetectionThreshold="
                + Settings.format(leakDetectionThreshold) + ", connectTimeout=" + Settings.format(connectTimeout)
                + ", statementTimeout=" + Settings.format(statementTimeout) + ", timeZone=" + timeZone
                + ", applicationName=" + applicationName + "]";
    }

    /**
     * Builds a {@link PoolConfig}. Each setter checks its value at once and may be called once;
     * {@link #build()} checks the settings against each other.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private int maximumSize = DEFAULT_MAXIMUM_SIZE;
        private int minimumIdle = DEFAULT_MINIMUM_IDLE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration statementTimeout = Duration.ZERO;
        private @Nullable ZoneId timeZone;
        private @Nullable String applicationName;
        private final Settings.Given given = new Settings.Given();

        private Builder(@Nullable PoolConfig base) {
            if (base != null) {
                maximumSize = base.maximumSize;
                minimumIdle = base.minimumIdle;
                connectionTimeout = base.connectionTimeout;
                maxLifetime = base.maxLifetime;
                idleTimeout = base.idleTimeout;
                leakDetectionThreshold = base.leakDetectionThreshold;
                connectTimeout = base.connectTimeout;
                statementTimeout = base.statementTimeout;
                timeZone = base.timeZone;
                applicationName = base.applicationName;
            }
        }

        private void once(String setting, @Nullable Object current, Object value) {
            given.once(setting, current, value);
        }

        /**
         * Sets the most connections; {@code 1..}{@value #MAX_MAXIMUM_SIZE}.
         *
         * @param value the size
         * @return this builder
         */
        public Builder maximumSize(long value) {
            once("maximumSize", maximumSize, value);
            this.maximumSize = Settings.intIn("maximumSize", value, 1, MAX_MAXIMUM_SIZE);
            return this;
        }

        /**
         * Sets the idle connections kept; {@code 0..maximumSize} (checked by {@link #build()}).
         *
         * @param value the count
         * @return this builder
         */
        public Builder minimumIdle(long value) {
            once("minimumIdle", minimumIdle, value);
            this.minimumIdle = Settings.intIn("minimumIdle", value, 0, MAX_MAXIMUM_SIZE);
            return this;
        }

        /**
         * Sets the longest wait for a pooled connection; at least 250 ms.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder connectionTimeout(Duration value) {
            once("connectionTimeout", connectionTimeout, value);
            this.connectionTimeout = Settings.atMost(
                    "connectionTimeout",
                    Settings.atLeast("connectionTimeout", value, MIN_CONNECTION_TIMEOUT),
                    MAX_TIMEOUT);
            return this;
        }

        /**
         * Sets a connection's longest life; zero (none) or at least 30 s.
         *
         * @param value the lifetime
         * @return this builder
         */
        public Builder maxLifetime(Duration value) {
            once("maxLifetime", maxLifetime, value);
            this.maxLifetime = Settings.zeroOrAtLeast("maxLifetime", value, Duration.ofSeconds(30));
            return this;
        }

        /**
         * Sets how long an idle connection above {@code minimumIdle} is kept; zero (never retired) or
         * at least 10 s, and at least 1 s below {@code maxLifetime} (checked by {@link #build()}).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            once("idleTimeout", idleTimeout, value);
            this.idleTimeout = Settings.zeroOrAtLeast("idleTimeout", value, Duration.ofSeconds(10));
            return this;
        }

        /**
         * Sets how long a connection may be out before a leak is logged; zero (off) or at least 2 s,
         * and at most {@code maxLifetime} (checked by {@link #build()}).
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder leakDetectionThreshold(Duration value) {
            once("leakDetectionThreshold", leakDetectionThreshold, value);
            this.leakDetectionThreshold =
                    Settings.zeroOrAtLeast("leakDetectionThreshold", value, Duration.ofSeconds(2));
            return this;
        }

        /**
         * Sets the TCP connect and login timeout of a new connection (pgjdbc's {@code connectTimeout}
         * and {@code loginTimeout}, which count in seconds); whole seconds from 1 s to 1 h.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            once("connectTimeout", connectTimeout, value);
            Duration d = Settings.atMost(
                    "connectTimeout",
                    Settings.atLeast("connectTimeout", value, Duration.ofSeconds(1)),
                    Duration.ofHours(1));
            if (d.toMillis() % 1000 != 0) {
                // pgjdbc counts these in seconds: refuse what would be silently rounded.
                throw new InvalidSettingException("connectTimeout", "must be whole seconds", Settings.format(d));
            }
            this.connectTimeout = d;
            return this;
        }

        /**
         * Sets the server's {@code statement_timeout} for every session; zero keeps the server's own.
         *
         * @param value the timeout, zero or at least 1 ms, at most {@code 2^31 - 1} ms
         * @return this builder
         */
        public Builder statementTimeout(Duration value) {
            once("statementTimeout", statementTimeout, value);
            this.statementTimeout = Settings.atMost(
                    "statementTimeout",
                    Settings.zeroOrAtLeast("statementTimeout", value, Duration.ofMillis(1)),
                    MAX_TIMEOUT);
            return this;
        }

        /**
         * Sets the session time zone, e.g. {@code UTC}; default the JVM's, which pgjdbc sends. Offsets
         * such as {@code +02:00} are refused: PostgreSQL reads them POSIX-style, with the sign inverted.
         *
         * @param value a region zone id such as {@code UTC} or {@code Europe/Berlin}
         * @return this builder
         */
        public Builder timeZone(String value) {
            once("timeZone", timeZone, value);
            Objects.requireNonNull(value, "timeZone");
            ZoneId zone;
            try {
                zone = ZoneId.of(value.strip());
            } catch (DateTimeException e) {
                zone = null;
            }
            // PostgreSQL reads "+02:00" POSIX-style, as two hours *west* of Greenwich: refuse offsets.
            if (zone == null
                    || zone instanceof java.time.ZoneOffset
                    || !zone.getId().matches("[A-Za-z0-9/_+-]+")) {
                throw new InvalidSettingException(
                        "timeZone",
                        "must be a region time zone such as UTC or Europe/Berlin (no offsets)",
                        "'" + value + "'");
            }
            this.timeZone = zone;
            return this;
        }

        /**
         * Sets the session's {@code application_name}, shown in {@code pg_stat_activity}; default
         * the pool's name, e.g. {@code shardkit-social_0-primary}.
         *
         * @param value 1 to 63 printable ASCII characters
         * @return this builder
         */
        public Builder applicationName(String value) {
            once("applicationName", applicationName, value);
            this.applicationName = Settings.text(
                    "applicationName", value, "[\\x20-\\x7E]{1,63}", "1 to 63 printable ASCII characters");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if settings contradict each other, naming the later one
         */
        public PoolConfig build() {
            if (minimumIdle > maximumSize) {
                throw new InvalidSettingException(
                        "minimumIdle", "must be <= maximumSize (" + maximumSize + ")", minimumIdle);
            }
            // HikariCP would silently switch these off (with a log warning); refuse them instead.
            if (!maxLifetime.isZero()
                    && !idleTimeout.isZero()
                    && idleTimeout.plusSeconds(1).compareTo(maxLifetime) > 0) {
                throw new InvalidSettingException(
                        "idleTimeout",
                        "must be 0 or at least 1s below maxLifetime (" + Settings.format(maxLifetime) + ")",
                        Settings.format(idleTimeout));
            }
            if (!maxLifetime.isZero() && leakDetectionThreshold.compareTo(maxLifetime) > 0) {
                throw new InvalidSettingException(
                        "leakDetectionThreshold",
                        "must be 0 or <= maxLifetime (" + Settings.format(maxLifetime) + ")",
                        Settings.format(leakDetectionThreshold));
            }
            return new PoolConfig(this);
        }
    }
}
