package org.shardkit.benchmarks.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.shardkit.benchmarks.load.systems.LoadSystems;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.examples.data.BulkSeeder;
import org.shardkit.examples.data.GraphSpec;
import org.shardkit.examples.data.SeedProgress;
import org.shardkit.examples.data.SeedReport;
import org.shardkit.examples.data.SeedTarget;
import org.shardkit.examples.data.SocialGraph;
import org.shardkit.routing.StrategyKind;

/**
 * What the systems of a run share over its servers: one MODULO configuration of the shards, one
 * {@link ShardedDatabase} (the seeder's target and {@code shardkit}'s), one id source (so new rows of
 * different systems never collide) and one clock (so compatibility scores rank alike). Seeds the
 * graph or takes it as found, and opens each system.
 *
 * <p>Pools: {@value #POOL_PER_SHARD} connections per shard for each sharded system and
 * {@code shards x} that for {@code single}, so every system can hold as many connections as the
 * others; a connection waits at most {@link #CONNECTION_TIMEOUT} (then the request is an error).
 *
 * <p>Not thread-safe: one system is open at a time.
 */
final class LoadEnvironment implements AutoCloseable {
    /** Connections per shard of each sharded system. */
    static final int POOL_PER_SHARD = 16;
    /** The longest wait for a pooled connection. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** How often a seeding prints its progress. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final LoadOptions options;
    private final LoadServers servers;
    private final ShardkitConfig config;
    private final ShardedDatabase db;
    private final LongSupplier ids;
    private final Clock clock = Clock.systemUTC();
    private final Path journalRoot;
    private int opened;

    /**
     * Builds the shared configuration and opens the database over the shards.
     *
     * @param options the run's options
     * @param servers the running servers
     * @param journalRoot where {@code shardkit}'s write journals go (one directory per system opened)
     */
    LoadEnvironment(LoadOptions options, LoadServers servers, Path journalRoot) {
        this.options = options;
        this.servers = servers;
        this.journalRoot = journalRoot;
        this.config = shardConfig(servers);
        this.db = ShardedDatabase.create(config);
        this.ids = db.ids()::nextId;
    }

    /** Returns the graph spec the options ask for. */
    static GraphSpec spec(LoadOptions options) {
        return GraphSpec.defaults(options.agents())
                .withInteractions(options.interactions())
                .withSeed(options.seed());
    }

    /**
     * Generates the graph (deterministic from its spec) and, unless the servers already hold it,
     * seeds it into the shards and the single server, timed; reused data gets the migrations it lacks.
     *
     * @param reuse whether the data directories hold this graph already
     * @param console where progress goes
     */
    PreparedData prepare(boolean reuse, PrintStream console) {
        GraphSpec spec = spec(options);
        long t0 = System.nanoTime();
        SocialGraph graph = SocialGraph.generate(spec);
        console.printf(Locale.ROOT, "generated %s in %.1f s%n", graph, (System.nanoTime() - t0) / 1e9);
        if (reuse) {
            // The data may predate a migration of the repository this run is built with.
            SeedTarget.sharded(db).migrate();
            SeedTarget.single(servers.single().dataSource()).migrate();
            return new PreparedData(
                    new GraphAgents(graph),
                    new SeedSummary(spec.toString(), true, Duration.ZERO, "reused the seeded data directories."));
        }
        long s0 = System.nanoTime();
        SeedReport sharded = BulkSeeder.builder(SeedTarget.sharded(db))
                .clock(clock)
                .progress(progress(console, "shards"))
                .build()
                .seed(graph);
        SeedReport single = BulkSeeder.builder(
                        SeedTarget.single(servers.single().dataSource()))
                .clock(clock)
                .progress(progress(console, "single"))
                .build()
                .seed(graph);
        Duration took = Duration.ofNanos(System.nanoTime() - s0);
        String note = String.format(
                Locale.ROOT,
                "seeded with COPY: %,d rows into %d shards in %.1f s, and"
                        + " %,d rows into the single server in %.1f s.",
                sharded.rows(),
                options.shards(),
                sharded.elapsed().toMillis() / 1000.0,
                single.rows(),
                single.elapsed().toMillis() / 1000.0);
        return new PreparedData(new GraphAgents(graph), new SeedSummary(spec.toString(), false, took, note));
    }

    /**
     * Opens a system; the caller closes it (the database stays open until {@link #close()}).
     *
     * @param kind which system
     */
    LoadSystem open(SystemKind kind) throws Exception {
        opened++;
        return switch (kind) {
            case SHARDKIT -> LoadSystems.shardkit(db, journalRoot.resolve("shardkit-" + opened), clock);
            case NAIVE -> LoadSystems.naive(config, ids, clock);
            case SINGLE ->
                LoadSystems.single(
                        endpoint(servers.single()),
                        pool(POOL_PER_SHARD * options.shards()),
                        options.shards(),
                        ids,
                        clock);
            case SHARDINGSPHERE -> LoadSystems.shardingSphere(config, ids, clock);
        };
    }

    /** Closes the database's pools. */
    @Override
    public void close() {
        db.close();
    }

    /** Prints each phase's end, and a line every {@link #PROGRESS_EVERY} while one runs. */
    private static SeedProgress progress(PrintStream console, String target) {
        AtomicLong last = new AtomicLong(System.nanoTime());
        return p -> {
            long now = System.nanoTime();
            if (p.finished() || now - last.get() >= PROGRESS_EVERY.toNanos()) {
                last.set(now);
                console.printf(Locale.ROOT, "  seeding %-6s %s%n", target, p);
            }
        };
    }

    private static ShardkitConfig shardConfig(LoadServers servers) {
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .topology(TopologyConfig.of(StrategyKind.MODULO))
                // One process writes: a static worker id is unique. Seeded ids are small constants,
                // far below any snowflake id, so new rows never meet seeded ones.
                .idgen(IdGenConfig.builder().workerId(1).build())
                .startup(StartupMode.EAGER);
        for (var server : servers.shards()) {
            b.shard(ShardConfig.builder(server.index(), "load_" + server.index(), endpoint(server))
                    .pool(pool(POOL_PER_SHARD))
                    .build());
        }
        return b.build();
    }

    private static EndpointConfig endpoint(org.shardkit.testing.PostgresServer server) {
        return EndpointConfig.of(server.jdbcUrl(), server.user(), Secret.of(server.password()));
    }

    private static PoolConfig pool(int size) {
        return PoolConfig.builder()
                .maximumSize(size)
                .minimumIdle(size)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .build();
    }
}
