package org.shardkit.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.shardkit.core.internal.ConfigReader;

/**
 * The whole configuration of a sharded database. Read it from YAML with {@link #fromYaml(Path)},
 * or build it in Java:
 *
 * <pre>{@code
 * ShardkitConfig config = ShardkitConfig.builder()
 *         .shard(ShardConfig.of(0, "social_0",
 *                 EndpointConfig.of("jdbc:postgresql://db0/social", "app", Secret.of(System.getenv("DB_PW")))))
 *         .shard(ShardConfig.of(1, "social_1",
 *                 EndpointConfig.of("jdbc:postgresql://db1/social", "app", Secret.of(System.getenv("DB_PW")))))
 *         .topology(TopologyConfig.of("jump"))
 *         .build();
 * }</pre>
 *
 * <p>Every key is described in {@code docs/configuration.md}. Immutable and thread-safe; {@code
 * toString} never shows a password.
 *
 * @param shards the shards, with ids {@code 0..n-1}
 * @param topology how keys map to shards
 * @param idgen ID generation settings
 * @param startup whether shards are checked at start
 * @param replicaRetryAfter how long a replica that failed is skipped before it is tried again
 * @param metrics observability settings
 * @param limits concurrency limits
 * @param breaker the per-shard circuit breaker
 */
public record ShardkitConfig(
        List<ShardConfig> shards,
        TopologyConfig topology,
        IdGenConfig idgen,
        StartupMode startup,
        Duration replicaRetryAfter,
        MetricsConfig metrics,
        LimitsConfig limits,
        BreakerConfig breaker) {

    /** Default time a failed replica is skipped: 5 seconds. */
    public static final Duration DEFAULT_REPLICA_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * Validates the whole configuration.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public ShardkitConfig {
        shards = List.copyOf(shards);
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(idgen, "idgen");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(replicaRetryAfter, "replicaRetryAfter");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(breaker, "breaker");
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("shards must not be empty");
        }
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ShardConfig shard : shards) {
            if (!ids.add(shard.id())) {
                throw new IllegalArgumentException("shard ids must be unique, but " + shard.id() + " repeats");
            }
            if (!names.add(shard.name())) {
                throw new IllegalArgumentException("shard names must be unique, but '" + shard.name() + "' repeats");
            }
        }
        for (int i = 0; i < shards.size(); i++) {
            if (!ids.contains(i)) {
                throw new IllegalArgumentException(
                        "shard ids must be 0.." + (shards.size() - 1) + " without gaps, but " + i + " is missing");
            }
        }
        if (replicaRetryAfter.isNegative() || replicaRetryAfter.isZero()) {
            throw new IllegalArgumentException("replicaRetryAfter must be positive, but was " + replicaRetryAfter);
        }
    }

    /**
     * Reads a YAML file; {@code ${VAR}} and {@code ${VAR:-default}} are taken from the process's
     * environment.
     *
     * @param file the file
     * @return the configuration
     * @throws ConfigurationException listing every problem, each with its path and line
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ShardkitConfig fromYaml(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shardkit configuration " + file, e);
        }
        return ConfigReader.read(
                file.toString(), yaml, System.getenv(), file.toAbsolutePath().getParent());
    }

    /**
     * Reads YAML text with the given environment (for tests, or a service with its own secrets
     * source).
     *
     * @param yaml the YAML text
     * @param environment the variables {@code ${VAR}} refers to
     * @return the configuration
     * @throws ConfigurationException listing every problem, each with its path and line
     */
    public static ShardkitConfig fromYaml(String yaml, Map<String, String> environment) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(environment, "environment");
        return ConfigReader.read("<yaml>", yaml, environment, null);
    }

    /** Returns a builder with the defaults and no shards. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a shard's settings.
     *
     * @param id the shard id
     * @return the shard
     * @throws IllegalArgumentException if there is no such shard
     */
    public ShardConfig shard(int id) {
        if (id < 0 || id >= shards.size()) {
            throw new IllegalArgumentException("shard id must be in [0, " + shards.size() + "), but was " + id);
        }
        for (ShardConfig s : shards) {
            if (s.id() == id) {
                return s;
            }
        }
        throw new AssertionError("ids were validated as 0..n-1");
    }

    /**
     * Builds a {@link ShardkitConfig} in Java. Each setter validates its argument at once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final List<ShardConfig> shards = new ArrayList<>();
        private TopologyConfig topology = TopologyConfig.defaults();
        private IdGenConfig idgen = IdGenConfig.defaults();
        private StartupMode startup = StartupMode.EAGER;
        private Duration replicaRetryAfter = DEFAULT_REPLICA_RETRY_AFTER;
        private MetricsConfig metrics = MetricsConfig.defaults();
        private LimitsConfig limits = LimitsConfig.defaults();
        private BreakerConfig breaker = BreakerConfig.defaults();

        private Builder() {}

        /**
         * Adds a shard.
         *
         * @param shard the shard
         * @return this builder
         */
        public Builder shard(ShardConfig shard) {
            shards.add(Objects.requireNonNull(shard, "shard"));
            return this;
        }

        /**
         * Sets the topology; default {@link TopologyConfig#defaults()}.
         *
         * @param value the topology settings
         * @return this builder
         */
        public Builder topology(TopologyConfig value) {
            this.topology = Objects.requireNonNull(value, "topology");
            return this;
        }

        /**
         * Sets ID generation; default {@link IdGenConfig#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder idgen(IdGenConfig value) {
            this.idgen = Objects.requireNonNull(value, "idgen");
            return this;
        }

        /**
         * Sets the startup mode; default {@link StartupMode#EAGER}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder startup(StartupMode value) {
            this.startup = Objects.requireNonNull(value, "startup");
            return this;
        }

        /**
         * Sets how long a failed replica is skipped; default 5 s.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder replicaRetryAfter(Duration value) {
            Objects.requireNonNull(value, "replicaRetryAfter");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("replicaRetryAfter must be positive, but was " + value);
            }
            this.replicaRetryAfter = value;
            return this;
        }

        /**
         * Sets observability settings; default {@link MetricsConfig#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder metrics(MetricsConfig value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Sets concurrency limits; default {@link LimitsConfig#defaults()}.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(LimitsConfig value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Sets the per-shard circuit breaker; default {@link BreakerConfig#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder breaker(BreakerConfig value) {
            this.breaker = Objects.requireNonNull(value, "breaker");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if it is inconsistent (no shards, duplicate or gapped ids)
         */
        public ShardkitConfig build() {
            return new ShardkitConfig(shards, topology, idgen, startup, replicaRetryAfter, metrics, limits, breaker);
        }
    }
}
