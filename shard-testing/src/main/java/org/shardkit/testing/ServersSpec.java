package org.shardkit.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which servers to provide, and where from: the setters that {@link ShardCluster.Builder} and {@link
 * ShardServersExtension.Builder} share, written once. Each setter validates its argument at once. A
 * setting given twice must agree with itself: the same value again is accepted, another value is an
 * {@link IllegalStateException} that names the setting and both values, never a silent overwrite.
 *
 * <p>Not thread-safe.
 *
 * @param <B> the builder the setters return
 */
abstract class ServersSpec<B extends ServersSpec<B>> {
    /** The number of shards unless {@link #shards(int)} says otherwise: 1. */
    static final int DEFAULT_SHARDS = 1;

    private @Nullable TestEnvironment environment;
    private @Nullable Integer shards;
    private boolean redis;
    private final Map<String, String> serverSettings = new LinkedHashMap<>();

    ServersSpec() {}

    /** Returns this builder as its own type. */
    abstract B self();

    /**
     * Sets the environment, which says where the servers come from (embedded, external or Docker);
     * default {@link TestEnvironment#fromSystem()}, the process's environment variables, read when
     * the servers are first needed. The kit's own tests use this to check each mode's error messages.
     *
     * @param environment the environment
     * @return this builder
     * @throws IllegalStateException if another environment was set before
     */
    public B environment(TestEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        requireUnchanged("environment", this.environment, environment);
        this.environment = environment;
        return self();
    }

    /**
     * Sets the number of shards; default {@value #DEFAULT_SHARDS}.
     *
     * @param count at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IllegalStateException if another number of shards was set before
     */
    public B shards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shards must be >= 1, but was " + count);
        }
        requireUnchanged("shards", shards, count);
        this.shards = count;
        return self();
    }

    /**
     * Adds a Redis server. Calling it again changes nothing.
     *
     * @return this builder
     */
    public B redis() {
        this.redis = true;
        return self();
    }

    /**
     * Passes a setting to every embedded or Docker PostgreSQL server ({@code -c key=value}), e.g.
     * {@code max_prepared_transactions=16} or {@code log_statement=all}. Test classes whose {@link
     * ShardServersExtension} asks for different settings get different servers; in external mode such
     * a class is skipped unless the external servers already have the setting.
     *
     * @param key the setting's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the name has a character outside {@code [A-Za-z0-9_.]} or
     *     the value is blank
     * @throws IllegalStateException if the same setting was given another value before
     */
    public B serverSetting(String key, String value) {
        validateSetting(key, value);
        String previous = serverSettings.get(key);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException("server setting " + key + " was already set to '" + previous
                    + "', cannot set it to '" + value + "'");
        }
        serverSettings.put(key, value);
        return self();
    }

    /** The environment set, or null for {@link TestEnvironment#fromSystem()}. */
    final @Nullable TestEnvironment configuredEnvironment() {
        return environment;
    }

    final int shardCount() {
        Integer n = shards;
        return n != null ? n : DEFAULT_SHARDS;
    }

    final boolean withRedis() {
        return redis;
    }

    /** The server settings given; an unmodifiable copy. */
    final Map<String, String> serverSettings() {
        return Map.copyOf(serverSettings);
    }

    static void validateSetting(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!key.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("server setting name must match [A-Za-z0-9_.]+, but was '" + key + "'");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("server setting " + key + " must have a value, but was blank");
        }
    }

    /** Refuses a second, different value for a setting (Caffeine's {@code requireState} style). */
    private static void requireUnchanged(String setting, @Nullable Object previous, Object value) {
        if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException(
                    setting + " was already set to " + previous + ", cannot set it to " + value);
        }
    }
}
