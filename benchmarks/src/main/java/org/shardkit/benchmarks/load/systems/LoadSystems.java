package org.shardkit.benchmarks.load.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.routing.StrategyKind;
import org.shardkit.social.SocialRepository;

/**
 * The load harness's systems under test, each a {@link LoadSystem} over the same data:
 *
 * <pre>{@code
 * ShardkitConfig shards = ...;                          // MODULO over shards 0..n-1
 * try (ShardedDatabase db = ShardedDatabase.create(shards);
 *         LoadSystem shardkit = LoadSystems.shardkit(db, journalDir, clock);
 *         LoadSystem naive = LoadSystems.naive(shards, db.ids()::nextId, clock);
 *         LoadSystem sphere = LoadSystems.shardingSphere(shards, db.ids()::nextId, clock);
 *         LoadSystem single = LoadSystems.single(server, pool, 4, db.ids()::nextId, clock)) {
 *     List<Long> feed = shardkit.feed(agentId, 20);     // the same ids from each system
 * }
 * }</pre>
 *
 * <p>The sharded three place rows alike (an agent and its rows on shard {@code id % n}, a handle on
 * the shard of its hash), so they read and write the same shards; give them one id source so that
 * their new rows never collide. Every system stamps rows and computes compatibility scores with the
 * clock given, so with one clock they rank alike. The caller migrates the schema ({@link
 * SocialRepository#migrate(org.shardkit.core.ShardedDatabase)} on the shards, {@link
 * SocialRepository#migrate(DataSource)} on the single server) and seeds the data. Thread-safe.
 */
public final class LoadSystems {
    /** The repository as built. */
    public static final String SHARDKIT = "shardkit";
    /** The seed's original code, translated. */
    public static final String NAIVE = "naive";
    /** One unsharded server. */
    public static final String SINGLE = "single";
    /** ShardingSphere-JDBC over the same shards. */
    public static final String SHARDINGSPHERE = "shardingsphere";
    /** Every system's name, in the report's order. */
    public static final List<String> NAMES = List.of(SHARDKIT, NAIVE, SINGLE, SHARDINGSPHERE);

    /** ShardingSphere's data source names: {@code ds_0 .. ds_(n-1)}. */
    static final String SHARDINGSPHERE_SOURCE = "ds_";

    /** Distinct logical database names: ShardingSphere keeps metadata per name in the JVM. */
    private static final AtomicInteger SPHERES = new AtomicInteger();

    private LoadSystems() {}

    /**
     * Returns {@code shardkit}: a social repository over the database (which must route by MODULO),
     * its interactions acknowledged once journaled in {@code journalDir}. Closing the system drains
     * and stops the repository; the database stays open (the caller closes it).
     *
     * @throws IllegalArgumentException if the database does not route by MODULO
     */
    public static LoadSystem shardkit(ShardedDatabase db, Path journalDir, Clock clock) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(clock, "clock");
        requireModulo(db.config());
        SocialRepository social = SocialRepository.builder(db)
                .clock(clock)
                .writeJournal(JournalSettings.builder(journalDir).build())
                .defaultAck(Ack.JOURNALED)
                .build();
        return new ShardkitSystem(social);
    }

    /**
     * Returns {@code shardkit} over a repository the caller built (its batches, queue and cache set for
     * the run), which must have a write journal: interactions are recorded with {@link Ack#JOURNALED}.
     * Closing the system drains and closes the repository.
     *
     * @throws IllegalArgumentException if the repository has no write journal, or its database does
     *     not route by MODULO over shards 0..n-1
     */
    public static LoadSystem shardkit(SocialRepository social) {
        Objects.requireNonNull(social, "social");
        if (!social.hasWriteJournal()) {
            throw new IllegalArgumentException("the shardkit load system records interactions with Ack.JOURNALED,"
                    + " but the repository was built without a write journal: set writeJournal(..) on its builder");
        }
        requireModulo(social.database().config());
        return new ShardkitSystem(social);
    }

    /**
     * Returns {@code naive}: the seed's code over one HikariCP pool per shard of the configuration
     * (its endpoints and pool sizes; replicas unused).
     *
     * @param shards a MODULO configuration of shards {@code 0..n-1}
     * @param ids the source of new agents' and interactions' ids
     * @throws IllegalArgumentException if the configuration is not MODULO over shards 0..n-1
     */
    public static LoadSystem naive(ShardkitConfig shards, LongSupplier ids, Clock clock) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
        return new NaiveSystem(pools(NAIVE, shards), ids, clock);
    }

    /**
     * Returns {@code single}: the repository's statements, unsharded, on one pool to one server that
     * holds all the data.
     *
     * @param server the server (its URL names the database and schema)
     * @param pool the pool's size and timeouts
     * @param comparedShards the shard count of the systems it is compared with: its compatible-agents
     *     search scores as many candidates as their shards do together ({@code
     *     SocialSettings.compatibleCandidates()} each), so that it does the same work
     * @throws IllegalArgumentException if {@code comparedShards} is not positive
     */
    public static LoadSystem single(
            EndpointConfig server, PoolConfig pool, int comparedShards, LongSupplier ids, Clock clock) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
        if (comparedShards < 1) {
            throw new IllegalArgumentException("comparedShards must be positive, but was " + comparedShards);
        }
        int candidates = Math.multiplyExact(CompatibleSql.PER_SHARD, comparedShards);
        return new SingleSystem(Pools.of(SINGLE, server, pool), candidates, ids, clock);
    }

    /**
     * Returns {@code shardingsphere}: a ShardingSphere-JDBC data source over one HikariCP pool per
     * shard, with {@link ShardingSphereRules} on the keys shardkit routes by.
     *
     * @throws IllegalArgumentException if the configuration is not MODULO over shards 0..n-1
     * @throws SQLException if ShardingSphere refuses the rules or cannot read the shards' metadata
     */
    public static LoadSystem shardingSphere(ShardkitConfig shards, LongSupplier ids, Clock clock) throws SQLException {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
        List<HikariDataSource> pools = pools(SHARDINGSPHERE, shards);
        try {
            Map<String, DataSource> sources = new LinkedHashMap<>();
            for (int i = 0; i < pools.size(); i++) {
                sources.put(SHARDINGSPHERE_SOURCE + i, pools.get(i));
            }
            DataSource logical = ShardingSphereDataSourceFactory.createDataSource(
                    "shardkit_load_" + SPHERES.incrementAndGet(),
                    null,
                    sources,
                    List.of(ShardingSphereRules.of(pools.size())),
                    new Properties());
            return new ShardingSphereSystem(logical, pools, ids, clock);
        } catch (SQLException | RuntimeException e) {
            pools.forEach(HikariDataSource::close);
            throw e;
        }
    }

    private static void requireModulo(ShardkitConfig config) {
        StrategyKind kind = config.topology().strategy();
        if (kind != StrategyKind.MODULO) {
            throw new IllegalArgumentException("the load systems place rows by MODULO (agent_id % n, as the seed"
                    + " and ShardingSphere do), but the shards' topology strategy was " + kind.configName());
        }
        List<ShardConfig> list = config.shards();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() != i) {
                throw new IllegalArgumentException("the load systems need shards 0.." + (list.size() - 1)
                        + " in order, but shard " + i + " had id " + list.get(i).id());
            }
        }
    }

    /** One pool per shard, in shard order, shaped like the shard's shardkit pool. */
    private static List<HikariDataSource> pools(String system, ShardkitConfig config) {
        Objects.requireNonNull(config, "shards");
        requireModulo(config);
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            for (ShardConfig shard : config.shards()) {
                pools.add(Pools.of(system + "_" + shard.id(), shard.primary(), shard.pool()));
            }
        } catch (RuntimeException e) {
            pools.forEach(HikariDataSource::close);
            throw e;
        }
        return pools;
    }
}
