package org.shardkit.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.idgen.PostgresWorkerIdAssigner;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.idgen.IdLayout;
import org.shardkit.idgen.spi.StaticWorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdAssigner;

/**
 * The database's ID generator, made as its {@code idgen} section says: a static worker id, or a
 * lease in PostgreSQL (shard 0's primary) or Redis, taken at start and released at close. Thread-safe.
 */
final class WorkerIds implements AutoCloseable {
    /** The class whose presence tells that Jedis, an optional dependency, is on the class path. */
    static final String JEDIS_CLASS = "redis.clients.jedis.UnifiedJedis";

    /** Null when no worker id was configured: then {@link #generator()} refuses. */
    private final @Nullable IdGenerator generator;

    private final String description;
    /** What this object made and must close after the generator released its worker id. */
    private final List<AutoCloseable> owned;

    private WorkerIds(@Nullable IdGenerator generator, String description, List<AutoCloseable> owned) {
        this.generator = generator;
        this.description = description;
        this.owned = owned;
    }

    /**
     * Takes a worker id and builds the generator.
     *
     * @param config the {@code idgen} section
     * @param override an assigner the caller gave instead, or null
     * @param shard0 where a PostgreSQL lease lives
     * @param clock the generator's wall clock
     */
    static WorkerIds start(IdGenConfig config, @Nullable WorkerIdAssigner override, Shard shard0, Clock clock) {
        if (override == null && !config.hasWorkerId()) {
            return new WorkerIds(null, "no ID generator (idgen.workerId not set)", List.of());
        }
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            WorkerIdAssigner assigner;
            String description;
            if (override != null) {
                assigner = override;
                description = "worker id from " + override;
            } else {
                switch (config.source()) {
                    case POSTGRES:
                        PostgresWorkerIdAssigner pg = PostgresWorkerIdAssigner.builder(
                                        shard0.primary().dataSource(), config.table())
                                .build();
                        owned.add(pg);
                        assigner = pg;
                        description = "worker id leased from table " + config.table() + " on " + shard0;
                        break;
                    case REDIS:
                        requireClass(JEDIS_CLASS, "idgen.workerId.source is redis", "redis.clients:jedis");
                        assigner = RedisWorkerIds.assigner(config, owned);
                        description = "worker id leased from Redis at " + config.redis();
                        break;
                    default:
                        assigner = StaticWorkerIdAssigner.of(config.workerId());
                        description = "static worker id " + config.workerId();
                }
            }
            IdGenerator generator = IdGenerator.builder()
                    .layout(IdLayout.ofDefaults().withEpoch(config.epoch()))
                    .workerIdAssigner(assigner)
                    .clock(clock)
                    .build();
            return new WorkerIds(generator, description + " (worker " + generator.workerId() + ")", owned);
        } catch (RuntimeException | Error e) {
            // Jedis and the heartbeat made for a lease that was never taken stop again.
            closeAll(owned);
            throw e;
        }
    }

    /**
     * Fails with a message that says what to add when an optional dependency is missing.
     *
     * @param className a class of the dependency
     * @param because the setting that needs it
     * @param artifact its Maven coordinates
     */
    static void requireClass(String className, String because, String artifact) {
        try {
            Class.forName(className, false, WorkerIds.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ShardkitException(
                    because + ", but " + artifact + " is not on the class path (" + className
                            + " not found): add it to the application's dependencies; shard-core declares it optional",
                    e);
        }
    }

    IdGenerator generator() {
        IdGenerator g = generator;
        if (g == null) {
            throw new IllegalStateException("ShardedDatabase.ids() needs a worker id: set idgen.workerId (source:"
                    + " static with an id unique to this process, or postgres or redis for a lease); without one,"
                    + " every process would be worker 0 and issue the same IDs");
        }
        return g;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Releases the worker id (recording its last timestamp), then stops what was made for it. */
    @Override
    public void close() {
        try {
            if (generator != null) {
                generator.close();
            }
        } finally {
            closeAll(owned);
        }
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(WorkerIds.class).warn("could not close {}: {}", c, e.toString());
            }
        }
    }
}
