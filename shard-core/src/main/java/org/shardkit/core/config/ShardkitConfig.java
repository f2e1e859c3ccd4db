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
import org.jspecify.annotations.Nullable;

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
 *         .topology(TopologyConfig.of(StrategyKind.JUMP))
 *         .build();
 * }</pre>
 *
 * <p>Every key is described in {@code docs/configuration.md}; the YAML reader and the builders
 * share one set of rules, so both report the same problems. Immutable and thread-safe; {@code
 * toString} never shows a password.
 */
public final class ShardkitConfig {
    /** Default time a failed replica is skipped: 5 seconds. */
    public static final Duration DEFAULT_REPLICA_RETRY_AFTER = Duration.ofSeconds(5);

    private final List<ShardConfig> shards;
    private final TopologyConfig topology;
    private final IdGenConfig idgen;
    private final StartupMode startup;
    private final Duration replicaRetryAfter;
    private final MetricsConfig metrics;
    private final LimitsConfig limits;
    private final BreakerConfig breaker;
    private final TwoPhaseConfig twoPhase;
    private final @Nullable CacheConfig cache;

    private ShardkitConfig(Builder b) {
        this.shards = List.copyOf(b.shards);
        this.topology = b.topology;
        this.idgen = b.idgen;
        this.startup = b.startup;
        this.replicaRetryAfter = b.replicaRetryAfter;
        this.metrics = b.metrics;
        this.limits = b.limits;
        this.breaker = b.breaker;
        this.twoPhase = b.twoPhase;
        this.cache = b.cache;
    }

    /**
     * Reads a YAML file; {@code ${VAR}} and {@code ${VAR:-default}} are taken from the process's
     * environment, relative {@code passwordFile} paths from the file's directory.
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
        return new Builder(null);
    }

    /** Returns a builder starting from this configuration: its shards, and settings that may each be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the shards, with ids {@code 0..n-1}, in id order. */
    public List<ShardConfig> shards() {
        return shards;
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
        return shards.get(id);
    }

    /** Returns how keys map to shards. */
    public TopologyConfig topology() {
        return topology;
    }

    /** Returns ID generation settings. */
    public IdGenConfig idgen() {
        return idgen;
    }

    /** Returns whether shards are checked at start. */
    public StartupMode startup() {
        return startup;
    }

    /** Returns how long a replica that failed is skipped before it is tried again. */
    public Duration replicaRetryAfter() {
        return replicaRetryAfter;
    }

    /** Returns observability settings. */
    public MetricsConfig metrics() {
        return metrics;
    }

    /** Returns the concurrency limits. */
    public LimitsConfig limits() {
        return limits;
    }

    /** Returns the per-shard circuit breaker settings. */
    public BreakerConfig breaker() {
        return breaker;
    }

    /** Returns the two-phase commit settings (the {@code twoPhase} section). */
    public TwoPhaseConfig twoPhase() {
        return twoPhase;
    }

    /**
     * Returns the two-level cache's section (the {@code cache} section), or null when there is none.
     * Its {@link CacheConfig#settings() settings} come from shard-cache, an optional dependency: add
     * it to use the cache.
     *
     * <pre>{@code
     * TwoLevelCache cache = TwoLevelCache.builder().settings(config.cache().settings()).build();
     * }</pre>
     */
    public @Nullable CacheConfig cache() {
        return cache;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ShardkitConfig c
                && shards.equals(c.shards)
                && topology.equals(c.topology)
                && idgen.equals(c.idgen)
                && startup == c.startup
                && replicaRetryAfter.equals(c.replicaRetryAfter)
                && metrics.equals(c.metrics)
                && limits.equals(c.limits)
                && breaker.equals(c.breaker)
                && twoPhase.equals(c.twoPhase)
                && Objects.equals(cache, c.cache);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                shards, topology, idgen, startup, replicaRetryAfter, metrics, limits, breaker, twoPhase, cache);
    }

    @Override
    public String toString() {
        return "ShardkitConfig[shards=" + shards + ", topology=" + topology + ", idgen=" + idgen + ", startup="
                + startup + ", replicaRetryAfter=" + Settings.format(replicaRetryAfter) + ", metrics=" + metrics
                + ", limits=" + limits + ", breaker=" + breaker + ", twoPhase=" + twoPhase
                + (cache == null ? "" : ", cache=" + cache) + "]";
    }

    /**
     * Builds a {@link ShardkitConfig} in Java. Each setter checks its argument at once; shards add
     * up, every other setting may be given once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private final List<ShardConfig> shards = new ArrayList<>();
        private TopologyConfig topology = TopologyConfig.defaults();
        private IdGenConfig idgen = IdGenConfig.defaults();
        private StartupMode startup = StartupMode.EAGER;
        private Duration replicaRetryAfter = DEFAULT_REPLICA_RETRY_AFTER;
        private MetricsConfig metrics = MetricsConfig.defaults();
        private LimitsConfig limits = LimitsConfig.defaults();
        private BreakerConfig breaker = BreakerConfig.defaults();
        private TwoPhaseConfig twoPhase = TwoPhaseConfig.defaults();
        private @Nullable CacheConfig cache;

        private Builder(@Nullable ShardkitConfig base) {
            if (base != null) {
                shards.addAll(base.shards);
                topology = base.topology;
                idgen = base.idgen;
                startup = base.startup;
                replicaRetryAfter = base.replicaRetryAfter;
                metrics = base.metrics;
                limits = base.limits;
                breaker = base.breaker;
                twoPhase = base.twoPhase;
                cache = base.cache;
            }
        }

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
            given.once("topology", topology, value);
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
            given.once("idgen", idgen, value);
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
            given.once("startup", startup, value);
            this.startup = Objects.requireNonNull(value, "startup");
            return this;
        }

        /**
         * Sets how long a failed replica is skipped; default 5 s, at least 1 ms.
         *
         * @param value the duration
         * @return this builder
         */
        public Builder replicaRetryAfter(Duration value) {
            given.once("replicaRetryAfter", replicaRetryAfter, value);
            this.replicaRetryAfter = Settings.atLeast("replicaRetryAfter", value, Duration.ofMillis(1));
            return this;
        }

        /**
         * Sets observability settings; default {@link MetricsConfig#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder metrics(MetricsConfig value) {
            given.once("metrics", metrics, value);
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
            given.once("limits", limits, value);
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
            given.once("breaker", breaker, value);
            this.breaker = Objects.requireNonNull(value, "breaker");
            return this;
        }

        /**
         * Sets two-phase commit; default {@link TwoPhaseConfig#defaults()} (disabled).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder twoPhase(TwoPhaseConfig value) {
            given.once("twoPhase", twoPhase, value);
            this.twoPhase = Objects.requireNonNull(value, "twoPhase");
            return this;
        }

        /**
         * Sets the two-level cache's section; default none. Build it with {@link
         * CacheConfig#of(org.shardkit.cache.CacheSettings)}, which needs shard-cache on the class path.
         *
         * @param value the section
         * @return this builder
         */
        public Builder cache(CacheConfig value) {
            given.once("cache", cache, value);
            this.cache = Objects.requireNonNull(value, "cache");
            return this;
        }

        /**
         * Builds the configuration, with the shards in id order.
         *
         * @return the configuration
         * @throws IllegalArgumentException if there are no shards, or ids or names repeat, or ids
         *     are not {@code 0..n-1}
         */
        public ShardkitConfig build() {
            if (shards.isEmpty()) {
                throw new InvalidSettingException("shards", "must name at least one shard", "empty");
            }
            Set<Integer> ids = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (ShardConfig shard : shards) {
                if (!ids.add(shard.id())) {
                    throw new InvalidSettingException("shards", "must have unique ids", shard.id() + " twice");
                }
                if (!names.add(shard.name())) {
                    throw new InvalidSettingException(
                            "shards", "must have unique names", "'" + shard.name() + "' twice");
                }
            }
            for (int i = 0; i < shards.size(); i++) {
                if (!ids.contains(i)) {
                    throw new InvalidSettingException(
                            "shards",
                            "must have ids 0.." + (shards.size() - 1) + " without gaps",
                            "ids " + new java.util.TreeSet<>(ids) + " (" + i + " is missing)");
                }
            }
            shards.sort(java.util.Comparator.comparingInt(ShardConfig::id));
            try {
                // The strategy's own bounds (more buckets than shards, a ring that fits) are checked
                // here, where the file's path and line can still be named, not only at start.
                topology.newStrategy(shards.size());
            } catch (InvalidSettingException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(
                        "topology",
                        "must fit " + shards.size() + " shards: " + e.getMessage(),
                        topology.strategy().configName());
            }
            return new ShardkitConfig(this);
        }
    }
}
