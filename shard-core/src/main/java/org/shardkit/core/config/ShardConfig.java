package org.shardkit.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shard: its id, name, primary, read replicas and pool settings.
 *
 * <pre>{@code
 * ShardConfig shard = ShardConfig.builder(0, "social_0", primary).replica(replica).pool(pool).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardConfig {
    /** What a shard name may be: letters, digits, {@code _ . -}, 1 to 63 of them. */
    public static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,63}";

    private final int id;
    private final String name;
    private final EndpointConfig primary;
    private final List<ReplicaConfig> replicas;
    private final PoolConfig pool;

    private ShardConfig(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.primary = b.primary;
        this.replicas = List.copyOf(b.replicas);
        this.pool = b.pool;
    }

    /**
     * Returns a shard without replicas and with the default pool settings.
     *
     * @param id the shard's id, {@code >= 0}
     * @param name its name, matching {@value #NAME_PATTERN}
     * @param primary its primary server
     * @return the shard
     */
    public static ShardConfig of(int id, String name, EndpointConfig primary) {
        return builder(id, name, primary).build();
    }

    /** Checks a shard name: {@value #NAME_PATTERN}. */
    static String checkName(String name) {
        return Settings.text("name", name, NAME_PATTERN, "letters, digits, _ . - (1 to 63)");
    }

    /** Checks a shard id: {@code 0..2^31-1}. */
    static int checkId(long id) {
        return Settings.intIn("id", id, 0, Integer.MAX_VALUE);
    }

    /**
     * Returns a builder for a shard.
     *
     * @param id the shard's id, {@code >= 0}
     * @param name its name, matching {@value #NAME_PATTERN}
     * @param primary its primary server
     * @return the builder
     * @throws IllegalArgumentException if the id or name is invalid
     */
    public static Builder builder(int id, String name, EndpointConfig primary) {
        return new Builder(id, name, primary);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        Builder b = new Builder(id, name, primary);
        b.replicas.addAll(replicas);
        b.pool = pool;
        return b;
    }

    /** Returns the shard's id, {@code 0..n-1}: what the routing strategy returns. */
    public int id() {
        return id;
    }

    /** Returns the readable name used in logs, metrics and pool names, e.g. {@code social_3}. */
    public String name() {
        return name;
    }

    /** Returns the primary server. */
    public EndpointConfig primary() {
        return primary;
    }

    /** Returns the read replicas, possibly none. */
    public List<ReplicaConfig> replicas() {
        return replicas;
    }

    /** Returns the effective pool settings of this shard's pools. */
    public PoolConfig pool() {
        return pool;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ShardConfig s
                && id == s.id
                && name.equals(s.name)
                && primary.equals(s.primary)
                && replicas.equals(s.replicas)
                && pool.equals(s.pool);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, primary, replicas, pool);
    }

    @Override
    public String toString() {
        return "ShardConfig[id=" + id + ", name=" + name + ", primary=" + primary + ", replicas=" + replicas + ", pool="
                + pool + "]";
    }

    /**
     * Builds a {@link ShardConfig}. Replicas add up; the pool may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private final int id;
        private final String name;
        private final EndpointConfig primary;
        private final List<ReplicaConfig> replicas = new ArrayList<>();
        private PoolConfig pool = PoolConfig.defaults();

        private Builder(int id, String name, EndpointConfig primary) {
            this.id = checkId(id);
            this.name = checkName(name);
            this.primary = Objects.requireNonNull(primary, "primary");
        }

        /**
         * Adds a read replica.
         *
         * @param value the replica
         * @return this builder
         */
        public Builder replica(ReplicaConfig value) {
            replicas.add(Objects.requireNonNull(value, "replica"));
            return this;
        }

        /**
         * Sets the pool settings; default {@link PoolConfig#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder pool(PoolConfig value) {
            given.once("pool", pool, value);
            this.pool = Objects.requireNonNull(value, "pool");
            return this;
        }

        /**
         * Builds the shard.
         *
         * @return the shard
         * @throws IllegalArgumentException if the pool sets a statement timeout and a URL passes
         *     {@code options=} to pgjdbc, whose URL parameters replace what the pool sets
         */
        public ShardConfig build() {
            if (!pool.statementTimeout().isZero()) {
                List<EndpointConfig> endpoints = new ArrayList<>();
                endpoints.add(primary);
                replicas.forEach(r -> endpoints.add(r.endpoint()));
                for (EndpointConfig e : endpoints) {
                    if (e.url().toLowerCase(java.util.Locale.ROOT).matches(".*[?&]options=.*")) {
                        throw new InvalidSettingException(
                                "pool.statementTimeout",
                                "cannot be combined with options= in a URL of the shard (pgjdbc's URL parameters"
                                        + " replace the pool's); set statement_timeout in one of the two",
                                Settings.format(pool.statementTimeout()));
                    }
                }
            }
            return new ShardConfig(this);
        }
    }
}
