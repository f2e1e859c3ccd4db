package org.shardkit.core;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.routing.Topology;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * Builds a {@link ShardedDatabase}: what the configuration file does not hold (a meter registry,
 * Jdbi plugins, an executor, a clock). Each setter validates its argument at once, and a setting
 * given twice is refused rather than silently replaced ({@link #configureJdbi} adds up instead).
 *
 * <pre>{@code
 * ShardedDatabase db = ShardedDatabase.builder(config)
 *         .meterRegistry(registry)
 *         .configureJdbi(jdbi -> jdbi.registerRowMapper(AGENT_MAPPER))
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ShardedDatabaseBuilder {
    private final ShardkitConfig config;
    private @Nullable ShardStrategy strategy;
    private Consumer<Jdbi> jdbiCustomizer = jdbi -> {};
    private @Nullable LongSupplier ticker;
    private @Nullable MeterRegistry registry;
    private @Nullable ExecutorService scatterExecutor;
    private @Nullable WorkerIdAssigner workerIdAssigner;
    private @Nullable Clock clock;

    ShardedDatabaseBuilder(ShardkitConfig config) {
        this.config = config;
    }

    /**
     * Sends metrics to a Micrometer registry: {@code shardkit.query} timers (tags {@code shard},
     * {@code operation}, {@code outcome}; p50/p95/p99 and histograms), breaker states, pool
     * utilisation and health, scatter fan-out and partial results, and HikariCP's own pool metrics.
     * Default: none (a registry that records nothing).
     *
     * @param value the registry
     * @return this builder
     */
    public ShardedDatabaseBuilder meterRegistry(MeterRegistry value) {
        requireUnset("meterRegistry", registry, value);
        this.registry = Objects.requireNonNull(value, "registry");
        return this;
    }

    /**
     * Runs scatter parts (and the startup check) on this executor, e.g. {@code
     * Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, instead of shardkit's bounded pool.
     * The caller owns it: {@link ShardedDatabase#close()} does not shut it down. Per-shard bulkheads
     * still bound the concurrency on each shard.
     *
     * @param value the executor
     * @return this builder
     */
    public ShardedDatabaseBuilder scatterExecutor(ExecutorService value) {
        requireUnset("scatterExecutor", scatterExecutor, value);
        this.scatterExecutor = Objects.requireNonNull(value, "scatterExecutor");
        return this;
    }

    /**
     * Routes with this strategy (e.g. a {@link Topology} read from a file) instead of the one the
     * configuration's {@code topology} section describes. It must route to exactly the configured
     * shards.
     *
     * @param value the strategy
     * @return this builder
     */
    public ShardedDatabaseBuilder strategy(ShardStrategy value) {
        requireUnset("strategy", strategy, value);
        this.strategy = Objects.requireNonNull(value, "strategy");
        return this;
    }

    /**
     * Registers plugins, mappers and settings on every shard's Jdbi (primaries and replicas alike);
     * the SqlObject plugin is always installed. Calls add up.
     *
     * @param customizer what to do to each Jdbi
     * @return this builder
     */
    public ShardedDatabaseBuilder configureJdbi(Consumer<Jdbi> customizer) {
        Objects.requireNonNull(customizer, "customizer");
        this.jdbiCustomizer = jdbiCustomizer.andThen(customizer);
        return this;
    }

    /**
     * Sets the nanosecond time source of every duration shardkit itself measures or waits for:
     * scatter deadlines, replica cool-downs, query timers, health-probe latency (HikariCP's and
     * pgjdbc's timeouts keep their own clocks). Default {@link System#nanoTime()}; tests pass a fake.
     *
     * @param value the ticker
     * @return this builder
     */
    public ShardedDatabaseBuilder nanoTicker(LongSupplier value) {
        requireUnset("nanoTicker", ticker, value);
        this.ticker = Objects.requireNonNull(value, "ticker");
        return this;
    }

    /**
     * Sets the wall clock of {@link ShardedDatabase#ids()}'s generator; default {@link
     * Clock#systemUTC()}. Tests pass a fake.
     *
     * @param value the clock
     * @return this builder
     */
    public ShardedDatabaseBuilder clock(Clock value) {
        requireUnset("clock", clock, value);
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * Leases worker ids for {@link ShardedDatabase#ids()} from this assigner instead of the one the
     * configuration's {@code idgen.workerId} section describes.
     *
     * @param value the assigner; the database does not close it
     * @return this builder
     */
    public ShardedDatabaseBuilder workerIdAssigner(WorkerIdAssigner value) {
        requireUnset("workerIdAssigner", workerIdAssigner, value);
        this.workerIdAssigner = Objects.requireNonNull(value, "workerIdAssigner");
        return this;
    }

    /**
     * Builds and starts the database.
     *
     * @return the database
     * @throws ShardStartupException if {@code startup} is {@code eager} and a primary is unreachable
     * @throws IllegalArgumentException if the strategy does not route to the configured shards
     */
    public ShardedDatabase build() {
        return new ShardedDatabase(this);
    }

    private static void requireUnset(String setting, @Nullable Object current, Object value) {
        if (current != null) {
            throw new IllegalStateException(setting + " was already set to " + current + ", cannot set it to " + value);
        }
    }

    ShardkitConfig config() {
        return config;
    }

    ShardStrategy strategy() {
        int n = config.shards().size();
        ShardStrategy s = strategy != null ? strategy : config.topology().newStrategy(n);
        if (s.shardCount() != n) {
            throw new IllegalArgumentException(
                    "strategy routes to " + s.shardCount() + " shards, but the configuration has " + n);
        }
        return s;
    }

    Consumer<Jdbi> jdbiCustomizer() {
        return jdbiCustomizer;
    }

    LongSupplier ticker() {
        LongSupplier t = ticker;
        return t != null ? t : System::nanoTime;
    }

    @Nullable
    MeterRegistry registry() {
        return registry;
    }

    @Nullable
    WorkerIdAssigner workerIdAssigner() {
        return workerIdAssigner;
    }

    /** Every pool's most connections, primaries and replicas, over the shards. */
    int pooledConnections() {
        long total = 0;
        for (ShardConfig shard : config.shards()) {
            total += (long) shard.pool().maximumSize() * (1 + shard.replicas().size());
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    Clock clock() {
        Clock c = clock;
        return c != null ? c : Clock.systemUTC();
    }

    ScatterEngine scatterEngine(CallPath calls, Transactions transactions, MeterRegistry meters) {
        ExecutorService given = scatterExecutor;
        ExecutorService executor = given != null ? given : ScatterEngine.defaultExecutor(pooledConnections());
        return new ScatterEngine(calls, transactions, executor, given == null, meters, ticker());
    }
}
