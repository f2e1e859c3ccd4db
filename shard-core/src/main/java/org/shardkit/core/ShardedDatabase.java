package org.shardkit.core;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.core.internal.ReplicaSet;
import org.shardkit.core.internal.Shard;
import org.shardkit.core.internal.ShardGuard;
import org.shardkit.core.internal.ShardPool;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.shardkit.core.metrics.SlowQueryLogger;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardFunction;
import org.shardkit.core.scatter.ShardTimeoutException;
import org.shardkit.routing.ConsistentHashRing;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.Topology;
import org.shardkit.routing.spi.ShardStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database spread over shards: the one object a service builds from its {@link ShardkitConfig}.
 * Each shard has a HikariCP pool and a Jdbi for its primary and for each read replica; work runs on
 * the shard a typed {@link ShardKey} routes to. No SQL is parsed.
 *
 * <pre>{@code
 * try (ShardedDatabase db = ShardedDatabase.create(ShardkitConfig.fromYaml(Path.of("shardkit.yaml")))) {
 *     db.migrate("classpath:db/migration");
 *     ShardKey key = ShardKey.of(agentId);
 *     db.useTransaction(key, h -> h.execute("INSERT INTO agent (id, name) VALUES (?, ?)", agentId, name));
 *     String name = db.withReadOnly(key, h -> h.createQuery("SELECT name FROM agent WHERE id = :id")
 *             .bind("id", agentId).mapTo(String.class).one());
 * }
 * }</pre>
 *
 * <p>Method families: {@code withX} returns a value, {@code useX} returns nothing. {@code
 * withShard}/{@code useShard} run on the shard's primary; {@code withReadOnly}/{@code useReadOnly}
 * on a replica (weighted round-robin, falling back to the primary when no replica is healthy);
 * {@code inTransaction}/{@code useTransaction} in a transaction on the primary. {@code
 * withConnection}/{@code useConnection} and {@code withReadOnlyConnection} hand the work a bare JDBC
 * connection instead of a Jdbi handle, for hot paths where Jdbi's per-statement work shows (see
 * {@link ConnectionCallback}). Inside a transaction every call for the same shard joins it (on its
 * connection) and a call for another shard throws {@link CrossShardTransactionException}.
 *
 * <p>Failures: a shard that gives no connection throws {@link ShardUnavailableException}; a failed
 * statement throws {@link ShardQueryException}; both name the shard. Exceptions the callback throws
 * itself pass through unchanged.
 *
 * <p>Thread-safe.
 */
public final class ShardedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardedDatabase.class);

    private static final ThreadLocal<@Nullable Transaction> TRANSACTION = new ThreadLocal<>();

    private record Transaction(ShardId shard, Handle handle) {}

    private final ShardkitConfig config;
    private final ShardStrategy strategy;
    private final Shard[] shards;
    private final ShardGuard[] guards;
    private final List<ShardId> shardIds;
    private final MeterRegistry registry;
    private final ExecutorService scatterExecutor;
    private final boolean ownsScatterExecutor;
    private final DistributionSummary fanout;
    private volatile boolean closed;

    private ShardedDatabase(Builder builder) {
        this.config = builder.config;
        int n = config.shards().size();
        this.strategy = builder.strategy != null ? builder.strategy : strategyFor(config.topology(), n);
        if (strategy.shardCount() != n) {
            throw new IllegalArgumentException(
                    "strategy routes to " + strategy.shardCount() + " shards, but the configuration has " + n);
        }
        Consumer<Jdbi> customizer = builder.jdbiCustomizer;
        long retryNanos = config.replicaRetryAfter().toNanos();
        MeterRegistry given = builder.registry;
        this.registry = given != null ? given : new CompositeMeterRegistry();
        this.shards = new Shard[n];
        this.guards = new ShardGuard[n];
        Bulkhead overall = config.limits().maxConcurrent() == 0
                ? null
                : Bulkhead.of(
                        "shardkit-overall",
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(config.limits().maxConcurrent())
                                .maxWaitDuration(maxConnectionTimeout(config))
                                .build());
        List<ShardId> ids = new ArrayList<>(n);
        try {
            for (ShardConfig sc : config.shards()) {
                SlowQueryLogger slow = new SlowQueryLogger(
                        "shard " + sc.id() + " (" + sc.name() + ")",
                        config.metrics().slowQueryThreshold(),
                        config.metrics().logBindValues());
                ShardPool primary = new ShardPool(
                        "shardkit-" + sc.name() + "-primary", sc.primary(), sc.pool(), false, customizer, given, slow);
                List<ShardPool> replicaPools = new ArrayList<>();
                int[] weights = new int[sc.replicas().size()];
                for (int r = 0; r < sc.replicas().size(); r++) {
                    ReplicaConfig rc = sc.replicas().get(r);
                    replicaPools.add(new ShardPool(
                            "shardkit-" + sc.name() + "-replica-" + r,
                            rc.endpoint(),
                            sc.pool(),
                            true,
                            customizer,
                            given,
                            slow));
                    weights[r] = rc.weight();
                }
                shards[sc.id()] = new Shard(
                        ShardId.of(sc.id()),
                        sc.name(),
                        primary,
                        new ReplicaSet(replicaPools, weights, builder.nanoTicker, retryNanos));
                int perShard = config.limits().maxConcurrentPerShard() == 0
                        ? sc.pool().maximumSize() * (1 + sc.replicas().size())
                        : config.limits().maxConcurrentPerShard();
                guards[sc.id()] = new ShardGuard(
                        shards[sc.id()], config.breaker(), perShard, sc.pool().connectionTimeout(), overall, registry);
                registerPoolGauges(shards[sc.id()]);
            }
            for (int i = 0; i < n; i++) {
                ids.add(ShardId.of(i));
            }
            this.shardIds = Collections.unmodifiableList(ids);
            this.fanout = DistributionSummary.builder("shardkit.scatter.fanout")
                    .description("shards a scatter ran on")
                    .register(registry);
            ExecutorService executor = builder.scatterExecutor;
            this.ownsScatterExecutor = executor == null;
            this.scatterExecutor = executor != null ? executor : defaultScatterExecutor(n);
            if (config.startup() == StartupMode.EAGER) {
                checkPrimaries();
            }
        } catch (RuntimeException e) {
            closePools();
            throw e;
        }
    }

    private static Duration maxConnectionTimeout(ShardkitConfig config) {
        Duration max = Duration.ZERO;
        for (ShardConfig sc : config.shards()) {
            if (sc.pool().connectionTimeout().compareTo(max) > 0) {
                max = sc.pool().connectionTimeout();
            }
        }
        return max;
    }

    /**
     * The default scatter executor: a bounded pool of daemon threads (twice the shard count, 4 to
     * 64) over an unbounded queue. Each task holds at most one connection and never waits for
     * another task, so no number of concurrent scatters can deadlock it on the pools.
     */
    private static ExecutorService defaultScatterExecutor(int shardCount) {
        int threads = Math.max(4, Math.min(64, 2 * shardCount));
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "shardkit-scatter-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void registerPoolGauges(Shard shard) {
        String id = String.valueOf(shard.id().value());
        Gauge.builder("shardkit.pool.utilization", shard, s -> {
                    int[] c = s.primary().counts();
                    return (double) c[0] / c[3];
                })
                .description("active / maximum connections of the shard's primary pool")
                .tag("shard", id)
                .register(registry);
        Gauge.builder(
                        "shardkit.pool.health",
                        shard,
                        s -> poolHealthOf(s).level().ordinal())
                .description("pool health: 0 healthy, 1 warning, 2 critical")
                .tag("shard", id)
                .register(registry);
    }

    private static PoolHealth poolHealthOf(Shard shard) {
        int[] c = shard.primary().counts();
        return PoolHealth.evaluate(shard.id(), c[0], c[1], c[2], c[3]);
    }

    /**
     * Builds a database from a configuration with the defaults: the configured strategy and no
     * extra Jdbi plugins.
     *
     * @param config the configuration
     * @return the running database
     * @throws ShardStartupException if {@code startup} is {@code eager} and a primary is unreachable
     */
    public static ShardedDatabase create(ShardkitConfig config) {
        return builder(config).build();
    }

    /**
     * Returns a builder for a database over a configuration.
     *
     * @param config the configuration
     * @return a new builder
     */
    public static Builder builder(ShardkitConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    static ShardStrategy strategyFor(TopologyConfig topology, int shardCount) {
        switch (topology.strategy()) {
            case "buckets":
                return Topology.of(topology.bucketCount(), shardCount);
            case "consistent-hash":
                return ConsistentHashRing.builder()
                        .virtualNodes(topology.virtualNodes())
                        .shards(shardCount)
                        .build();
            default:
                return ShardStrategies.byName(topology.strategy(), shardCount);
        }
    }

    private void checkPrimaries() {
        Map<ShardId, CompletableFuture<@Nullable Throwable>> checks = new LinkedHashMap<>();
        for (Shard shard : shards) {
            // On the scatter executor: the common pool runs one task at a time on 2 cores, which would
            // make N dead shards cost N connection timeouts.
            checks.put(shard.id(), CompletableFuture.supplyAsync(() -> check(shard), scatterExecutor));
        }
        Map<ShardId, String> failures = new LinkedHashMap<>();
        Throwable first = null;
        for (Map.Entry<ShardId, CompletableFuture<@Nullable Throwable>> e : checks.entrySet()) {
            Throwable failure = e.getValue().join();
            if (failure != null) {
                Shard shard = shards[e.getKey().value()];
                failures.put(
                        e.getKey(),
                        "(" + shard.name() + ") at "
                                + shard.primary().endpoint().url() + ": " + rootMessage(failure));
                if (first == null) {
                    first = failure;
                }
            }
        }
        if (first != null) {
            throw new ShardStartupException(failures, first);
        }
    }

    private static @Nullable Throwable check(Shard shard) {
        try (Connection c = shard.primary().dataSource().getConnection()) {
            return c.isValid(5) ? null : new SQLException("connection is not valid");
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    // ---------------------------------------------------------------- routing

    /**
     * Returns the shard a key routes to.
     *
     * @param key the shard key
     * @return the shard's id
     * @throws IllegalArgumentException if {@code key} is null
     */
    public ShardId shardOf(ShardKey key) {
        return ShardId.of(strategy.route(ShardKey.require(key).routingValue()));
    }

    /** Returns every shard id, {@code 0..n-1}. */
    public List<ShardId> shardIds() {
        return shardIds;
    }

    /** Returns the routing strategy in use. */
    public ShardStrategy strategy() {
        return strategy;
    }

    /** Returns the configuration the database was built from. */
    public ShardkitConfig config() {
        return config;
    }

    /**
     * Groups items by the shard their key routes to, keeping their order within each group: for
     * batch writes, one batch per shard.
     *
     * @param items the items
     * @param keyOf extracts an item's shard key
     * @param <T> the item type
     * @return shard id to items, in shard-id order
     * @throws IllegalArgumentException if an item's key is null
     */
    public <T> Map<ShardId, List<T>> groupByShard(Collection<? extends T> items, Function<? super T, ShardKey> keyOf) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(keyOf, "keyOf");
        Map<ShardId, List<T>> groups = new TreeMap<>();
        for (T item : items) {
            groups.computeIfAbsent(shardOf(keyOf.apply(item)), k -> new ArrayList<>())
                    .add(item);
        }
        return groups;
    }

    // ---------------------------------------------------------------- work on a shard

    /**
     * Runs work on the primary of the key's shard and returns its result.
     *
     * @param key the shard key
     * @param callback the work
     * @param <R> the result type
     * @param <X> the exception the work may throw
     * @return the work's result
     * @throws X what the work throws
     * @throws ShardUnavailableException if the shard gives no connection
     * @throws ShardQueryException if a statement fails
     * @throws CrossShardTransactionException inside a transaction pinned to another shard
     */
    public <R, X extends Exception> R withShard(ShardKey key, HandleCallback<R, X> callback) throws X {
        return onPrimary(shard(shardOf(key)), callback, false);
    }

    /**
     * Runs work on the primary of the key's shard.
     *
     * @param key the shard key
     * @param consumer the work
     * @param <X> the exception the work may throw
     * @throws X what the work throws
     */
    public <X extends Exception> void useShard(ShardKey key, HandleConsumer<X> consumer) throws X {
        withShard(key, asCallback(consumer));
    }

    /**
     * Runs work on the shard with this id (administration, migrations, per-shard jobs).
     *
     * @param shardId the shard
     * @param callback the work
     * @param <R> the result type
     * @param <X> the exception the work may throw
     * @return the work's result
     * @throws X what the work throws
     * @throws UnknownShardException if there is no such shard
     */
    public <R, X extends Exception> R withShardId(ShardId shardId, HandleCallback<R, X> callback) throws X {
        return onPrimary(shard(shardId), callback, false);
    }

    /**
     * Runs read-only work on a replica of the key's shard, or on the primary when the shard has no
     * healthy replica, when called inside a transaction, or when this thread wrote to the shard in
     * the current {@link ReadYourWritesScope}. If a replica's connection is lost mid-way (the
     * replica went down), the work runs again on the next replica or the primary, so it must be
     * idempotent, as reads are.
     *
     * @param key the shard key
     * @param callback the work; it must not write (replica connections are read-only)
     * @param <R> the result type
     * @param <X> the exception the work may throw
     * @return the work's result
     * @throws X what the work throws
     */
    public <R, X extends Exception> R withReadOnly(ShardKey key, HandleCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        Shard shard = shard(shardOf(key));
        if (TRANSACTION.get() != null) {
            return onPrimary(shard, callback, false);
        }
        return read(shard, onHandle(callback));
    }

    /**
     * Runs read-only work like {@link #withReadOnly} and returns nothing.
     *
     * @param key the shard key
     * @param consumer the work
     * @param <X> the exception the work may throw
     * @throws X what the work throws
     */
    public <X extends Exception> void useReadOnly(ShardKey key, HandleConsumer<X> consumer) throws X {
        withReadOnly(key, asCallback(consumer));
    }

    /**
     * Runs work in a transaction on the primary of the key's shard: committed when the work
     * returns, rolled back when it throws. Calls for the same shard inside it join it; calls for
     * another shard throw {@link CrossShardTransactionException}.
     *
     * @param key the shard key
     * @param callback the work
     * @param <R> the result type
     * @param <X> the exception the work may throw
     * @return the work's result
     * @throws X what the work throws
     */
    public <R, X extends Exception> R inTransaction(ShardKey key, HandleCallback<R, X> callback) throws X {
        return onPrimary(shard(shardOf(key)), callback, true);
    }

    /**
     * Runs work in a transaction like {@link #inTransaction} and returns nothing.
     *
     * @param key the shard key
     * @param consumer the work
     * @param <X> the exception the work may throw
     * @throws X what the work throws
     */
    public <X extends Exception> void useTransaction(ShardKey key, HandleConsumer<X> consumer) throws X {
        inTransaction(key, asCallback(consumer));
    }

    /**
     * Runs work on a bare JDBC connection to the primary of the key's shard and returns its result:
     * the same routing, guard, metrics and error translation as {@link #withShard}, without Jdbi's
     * per-statement work. For hot paths (primary-key reads, batched writes) and for pgjdbc features
     * such as {@code COPY}. Inside a transaction on the same shard the work runs on the
     * transaction's connection; inside one on another shard it throws {@link
     * CrossShardTransactionException}. See {@link ConnectionCallback} for what the work may do with
     * the connection.
     *
     * @param key the shard key
     * @param callback the work
     * @param <R> the result type
     * @param <X> the exception the work may throw besides {@link SQLException}
     * @return the work's result
     * @throws X what the work throws
     * @throws ShardUnavailableException if the shard gives no connection or loses it
     * @throws ShardQueryException if a statement fails ({@link SQLException} from the work)
     */
    public <R, X extends Exception> R withConnection(ShardKey key, ConnectionCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        Shard shard = shard(shardOf(key));
        Handle joined = pinnedHandle(shard);
        if (joined != null) {
            return onJoined(joined, shard, callback);
        }
        ReadYourWritesScope.markWritten(shard.id());
        return guards[shard.id().value()].call("write", () -> runOn(shard, shard.primary(), onConnection(callback)));
    }

    /**
     * Runs work on a bare JDBC connection to the primary of the key's shard, like {@link
     * #withConnection}, and returns nothing.
     *
     * @param key the shard key
     * @param consumer the work
     * @param <X> the exception the work may throw besides {@link SQLException}
     * @throws X what the work throws
     */
    public <X extends Exception> void useConnection(ShardKey key, ConnectionConsumer<X> consumer) throws X {
        Objects.requireNonNull(consumer, "consumer");
        ConnectionCallback<Boolean, X> callback = c -> {
            consumer.useConnection(c);
            return Boolean.TRUE; // ignored; not null, as ConnectionCallback's results are
        };
        withConnection(key, callback);
    }

    /**
     * Runs read-only work on a bare JDBC connection, chosen as {@link #withReadOnly} chooses: a
     * replica, or the primary when the shard has no healthy replica, inside a transaction, or after
     * this thread wrote to the shard in its {@link ReadYourWritesScope}. A replica lost mid-way makes
     * the work run again on the next replica or the primary, so it must be idempotent.
     *
     * @param key the shard key
     * @param callback the work; it must not write (replica connections are read-only)
     * @param <R> the result type
     * @param <X> the exception the work may throw besides {@link SQLException}
     * @return the work's result
     * @throws X what the work throws
     */
    public <R, X extends Exception> R withReadOnlyConnection(ShardKey key, ConnectionCallback<R, X> callback) throws X {
        Objects.requireNonNull(callback, "callback");
        Shard shard = shard(shardOf(key));
        Handle joined = pinnedHandle(shard);
        if (joined != null) {
            return onJoined(joined, shard, callback);
        }
        return read(shard, onConnection(callback));
    }

    /**
     * Returns the handle of the transaction open on this thread, or null when there is none. Work
     * for the same shard joins it: the same connection, so it sees the transaction's writes and
     * cannot deadlock by asking the pool (or the bulkhead) for a second place.
     *
     * @throws CrossShardTransactionException if the transaction is pinned to another shard
     */
    private static @Nullable Handle pinnedHandle(Shard shard) {
        Transaction tx = TRANSACTION.get();
        if (tx == null) {
            return null;
        }
        if (!tx.shard().equals(shard.id())) {
            throw new CrossShardTransactionException(tx.shard(), shard.id());
        }
        return tx.handle();
    }

    private static <R, X extends Exception> R onJoined(Handle joined, Shard shard, ConnectionCallback<R, X> callback)
            throws X {
        try {
            return callback.withConnection(joined.getConnection());
        } catch (SQLException e) {
            throw translate(shard, shard.primary(), e);
        }
    }

    /**
     * Returns a Jdbi SqlObject bound to the primary of the key's shard; each call on it takes a
     * connection from that shard's pool and returns it.
     *
     * @param key the shard key
     * @param sqlObjectType the SqlObject interface
     * @param <T> its type
     * @return the on-demand SqlObject
     */
    public <T> T onDemand(ShardKey key, Class<T> sqlObjectType) {
        Objects.requireNonNull(sqlObjectType, "sqlObjectType");
        Shard shard = shard(shardOf(key));
        ReadYourWritesScope.markWritten(shard.id());
        return shard.primary().jdbi().onDemand(sqlObjectType);
    }

    /**
     * Opens a scope in which this thread's reads from shards it wrote to go to their primaries.
     *
     * @return the scope; close it with try-with-resources
     */
    public ReadYourWritesScope readYourWrites() {
        checkOpen();
        return ReadYourWritesScope.open();
    }

    private <R, X extends Exception> R onPrimary(Shard shard, HandleCallback<R, X> callback, boolean transactional)
            throws X {
        Objects.requireNonNull(callback, "callback");
        Handle joined = pinnedHandle(shard);
        if (joined != null) {
            try {
                return transactional ? joined.inTransaction(callback) : callback.withHandle(joined);
            } catch (JdbiException e) {
                throw translate(shard, shard.primary(), e);
            }
        }
        ReadYourWritesScope.markWritten(shard.id());
        return guards[shard.id().value()].call(
                transactional ? "transaction" : "write", () -> primaryWork(shard, callback, transactional));
    }

    private <R, X extends Exception> R primaryWork(Shard shard, HandleCallback<R, X> callback, boolean transactional)
            throws X {
        Jdbi jdbi = shard.primary().jdbi();
        try {
            if (!transactional) {
                return jdbi.withHandle(callback);
            }
            return jdbi.inTransaction(handle -> {
                TRANSACTION.set(new Transaction(shard.id(), handle));
                try {
                    return callback.withHandle(handle);
                } finally {
                    TRANSACTION.remove();
                }
            });
        } catch (JdbiException e) {
            throw translate(shard, shard.primary(), e);
        }
    }

    /**
     * Runs read-only work outside a transaction, under the shard's guard: on a replica, or on the
     * primary when the shard has none or this thread wrote to it in its read-your-writes scope.
     */
    private <R, X extends Exception> R read(Shard shard, PoolWork<R, X> work) throws X {
        return guards[shard.id().value()].call(
                "read",
                () -> shard.replicas().isEmpty() || ReadYourWritesScope.wasWritten(shard.id())
                        ? runOn(shard, shard.primary(), work)
                        : replicaOrPrimaryWork(shard, work));
    }

    /** Runs on a healthy replica, else on the primary; no guard (the caller holds one). */
    private <R, X extends Exception> R replicaOrPrimaryWork(Shard shard, PoolWork<R, X> work) throws X {
        ReplicaSet replicas = shard.replicas();
        int size = replicas.size();
        int first = replicas.nextInCycle();
        for (int k = 0; k < size; k++) {
            int r = (first + k) % size;
            if (replicas.isSkipped(r)) {
                continue;
            }
            ShardPool pool = replicas.pool(r);
            try {
                R result = work.run(shard, pool);
                replicas.markHealthy(r);
                return result;
            } catch (PoolLost lost) {
                // No connection, or the replica went away under a pooled one: read-only work is safe
                // to run again elsewhere, so try the next replica, then the primary.
                replicas.markFailed(r);
                LOG.warn(
                        "{}: replica {} skipped for {}: {}",
                        shard,
                        pool.poolName(),
                        config.replicaRetryAfter(),
                        lost.failure.getMessage());
            }
        }
        return runOn(shard, shard.primary(), work);
    }

    /** Runs work on one pool; the pool's loss reaches the caller as {@link ShardUnavailableException}. */
    private static <R, X extends Exception> R runOn(Shard shard, ShardPool pool, PoolWork<R, X> work) throws X {
        try {
            return work.run(shard, pool);
        } catch (PoolLost lost) {
            throw lost.failure;
        }
    }

    /**
     * Caller work bound to its way into a pool: a Jdbi handle or a bare JDBC connection. {@code run}
     * throws {@link PoolLost} when the pool gives no connection or loses it mid-way, {@link
     * ShardQueryException} when a statement fails, and what the caller's work throws itself.
     */
    @FunctionalInterface
    private interface PoolWork<R, X extends Exception> {
        R run(Shard shard, ShardPool pool) throws X;
    }

    /**
     * A pool gave no connection or lost it: the replica loop moves on, {@link #runOn} throws the
     * carried exception. Never reaches callers (every path into a pool goes through one of the two).
     */
    private static final class PoolLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ShardUnavailableException failure;

        PoolLost(ShardUnavailableException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static <R, X extends Exception> PoolWork<R, X> onHandle(HandleCallback<R, X> callback) {
        return (shard, pool) -> {
            Handle handle;
            try {
                handle = pool.jdbi().open();
            } catch (ConnectionException e) {
                throw new PoolLost(unavailable(shard, pool, e));
            }
            try (Handle h = handle) {
                return callback.withHandle(h);
            } catch (JdbiException e) {
                throw lostOrQuery(shard, pool, e);
            }
        };
    }

    private static <R, X extends Exception> PoolWork<R, X> onConnection(ConnectionCallback<R, X> callback) {
        return (shard, pool) -> {
            Connection connection;
            try {
                connection = pool.dataSource().getConnection();
            } catch (SQLException e) {
                throw new PoolLost(unavailable(shard, pool, e));
            }
            try (Connection c = connection) {
                return callback.withConnection(c);
            } catch (SQLException e) {
                throw lostOrQuery(shard, pool, e);
            }
        };
    }

    private static RuntimeException lostOrQuery(Shard shard, ShardPool pool, Exception e) {
        ShardkitException failure = translate(shard, pool, e);
        return failure instanceof ShardUnavailableException u ? new PoolLost(u) : failure;
    }

    /**
     * Turns a failure from Jdbi or pgjdbc into shardkit's: no connection or a lost one is {@link
     * ShardUnavailableException}, anything else {@link ShardQueryException}.
     */
    private static ShardkitException translate(Shard shard, ShardPool pool, Exception e) {
        if (e instanceof ConnectionException || connectionNotAvailable(e) != null) {
            return unavailable(shard, pool, e);
        }
        String state = ShardQueryException.sqlStateOf(e);
        if (state != null && isConnectionLoss(state)) {
            // A pooled connection the server dropped (shutdown, crash, network): the shard is down,
            // not the statement wrong. Its other pooled connections died with it; evict them all so
            // the outage costs one failed call, not one per pooled connection after a restart.
            pool.evictConnections();
            return new ShardUnavailableException(
                    shard.id(),
                    shard.name(),
                    "connection lost [SQLState " + state + "]: " + rootMessage(e),
                    pool.state(),
                    e);
        }
        return new ShardQueryException(shard.id(), shard.name(), e);
    }

    /** Connection exceptions (class 08) and operator intervention (57P01 admin shutdown, 57P02 crash, 57P03). */
    static boolean isConnectionLoss(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.equals("57P01")
                || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }

    /** HikariCP's "connection is not available" in the cause chain, or null. */
    private static @Nullable SQLTransientConnectionException connectionNotAvailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException t) {
                return t;
            }
        }
        return null;
    }

    private static ShardUnavailableException unavailable(Shard shard, ShardPool pool, Throwable e) {
        SQLTransientConnectionException notAvailable = connectionNotAvailable(e);
        String reason;
        if (notAvailable != null) {
            long timeout = pool.dataSource().getConnectionTimeout();
            Throwable root = notAvailable.getCause();
            reason = "connection not available after " + timeout + " ms"
                    + (root == null ? "" : ": " + rootMessage(root));
        } else {
            reason = "cannot connect: " + rootMessage(e);
        }
        return new ShardUnavailableException(shard.id(), shard.name(), reason, pool.state(), e);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static <X extends Exception> HandleCallback<@Nullable Void, X> asCallback(HandleConsumer<X> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return handle -> {
            consumer.useHandle(handle);
            return null;
        };
    }

    private Shard shard(ShardId id) {
        checkOpen();
        Objects.requireNonNull(id, "shardId");
        if (id.value() >= shards.length) {
            throw new UnknownShardException(id.value(), shards.length);
        }
        return shards[id.value()];
    }

    private void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException();
        }
    }

    // ---------------------------------------------------------------- scatter-gather

    /**
     * Returns the shards a set of keys routes to, in order: the shards a scatter over those keys
     * needs.
     *
     * @param keys the keys
     * @return their shards
     */
    public Set<ShardId> shardsOf(Collection<ShardKey> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<ShardId> out = new TreeSet<>();
        for (ShardKey key : keys) {
            out.add(shardOf(key));
        }
        return out;
    }

    /**
     * Runs a function on many shards in parallel and gathers the results. The call takes about as
     * long as the slowest shard, never longer than the request's deadline: when it passes, the
     * statements still running are cancelled ({@code PGConnection.cancelQuery}) and, with {@link
     * FailurePolicy#PARTIAL}, those shards are reported missing with a {@link ShardTimeoutException};
     * with {@link FailurePolicy#FAIL_FAST} the first failure cancels the rest and is thrown.
     *
     * <p>Each shard's part takes one connection from that shard's pool and waits for no other part,
     * so any number of concurrent scatters over pools of any size cannot deadlock; parts queue on
     * the bounded scatter executor and on the pools instead.
     *
     * <pre>{@code
     * ScatterResult<List<Agent>> r = db.scatter(
     *         ScatterRequest.allShards().withDeadline(Duration.ofMillis(300)).withPolicy(FailurePolicy.PARTIAL),
     *         (shard, h) -> h.createQuery("SELECT ... ORDER BY score DESC LIMIT 20").map(AGENT).list());
     * List<Agent> top = Merge.topK(r.availableResults().values(), 20, BY_SCORE_DESC);
     * }</pre>
     *
     * @param request which shards, deadline, policy, primaries or replicas
     * @param function the per-shard work
     * @param <R> the per-shard result
     * @return the results, and the missing shards with their causes
     * @throws ShardkitException with {@code FAIL_FAST}, the first shard's failure (it names the shard)
     * @throws IllegalStateException inside a transaction (the scatter would need more connections
     *     on the transaction's shard than the transaction holds)
     */
    public <R> ScatterResult<R> scatter(ScatterRequest request, ShardFunction<R> function) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(function, "function");
        checkOpen();
        Transaction tx = TRANSACTION.get();
        if (tx != null) {
            throw new IllegalStateException("scatter inside a transaction pinned to " + tx.shard()
                    + " would need a second connection there; run the scatter outside the transaction");
        }
        List<Shard> targets = new ArrayList<>();
        Set<ShardId> chosen = request.shards();
        if (chosen == null) {
            targets.addAll(Arrays.asList(shards));
        } else {
            for (ShardId id : chosen) {
                targets.add(shard(id));
            }
        }
        fanout.record(targets.size());
        long deadline = System.nanoTime() + request.deadline().toNanos();
        BlockingQueue<ScatterTask<R>> completed = new LinkedBlockingQueue<>();
        List<ScatterTask<R>> tasks = new ArrayList<>(targets.size());
        for (Shard shard : targets) {
            ScatterTask<R> task = new ScatterTask<>(shard, deadline);
            tasks.add(task);
            try {
                scatterExecutor.execute(() -> {
                    try {
                        task.result = runScatterPart(task, request, function);
                    } catch (Throwable t) {
                        task.failure = t;
                    } finally {
                        completed.add(task);
                    }
                });
            } catch (RejectedExecutionException e) {
                task.failure = new ShardkitException(
                        "scatter executor refused the part for " + shard + ": " + e.getMessage(), e);
                completed.add(task);
            }
        }
        Map<ShardId, R> results = new TreeMap<>();
        Map<ShardId, Throwable> failures = new TreeMap<>();
        int outstanding = tasks.size();
        try {
            while (outstanding > 0) {
                long wait = deadline - System.nanoTime();
                ScatterTask<R> done = wait <= 0 ? null : completed.poll(wait, TimeUnit.NANOSECONDS);
                if (done == null) {
                    break;
                }
                outstanding--;
                done.finished = true;
                Throwable failure = done.failure;
                if (failure == null) {
                    results.put(done.shard.id(), done.result);
                    continue;
                }
                failures.put(done.shard.id(), failure);
                if (request.policy() == FailurePolicy.FAIL_FAST) {
                    cancelUnfinished(tasks);
                    scatterFailed(request, failures.size());
                    throw asShardFailure(done.shard, failure);
                }
            }
        } catch (InterruptedException e) {
            cancelUnfinished(tasks);
            Thread.currentThread().interrupt();
            throw new ShardkitException(
                    "interrupted while waiting for a scatter over " + targets.size() + " shards", e);
        }
        for (ScatterTask<R> task : tasks) {
            if (!task.finished) {
                task.cancel();
                failures.put(
                        task.shard.id(),
                        new ShardTimeoutException(task.shard.id(), task.shard.name(), request.deadline()));
            }
        }
        if (!failures.isEmpty()) {
            scatterFailed(request, failures.size());
            if (request.policy() == FailurePolicy.FAIL_FAST) {
                Map.Entry<ShardId, Throwable> first =
                        failures.entrySet().iterator().next();
                throw asShardFailure(shards[first.getKey().value()], first.getValue());
            }
        }
        return new ScatterResult<>(results, failures);
    }

    private void scatterFailed(ScatterRequest request, int missing) {
        registry.counter(
                        "shardkit.scatter.partial",
                        "operation",
                        request.operation(),
                        "policy",
                        request.policy().name().toLowerCase(Locale.ROOT))
                .increment();
        registry.counter("shardkit.scatter.missing.shards", "operation", request.operation())
                .increment(missing);
    }

    private static ShardkitException asShardFailure(Shard shard, Throwable failure) {
        if (failure instanceof ShardkitException) {
            return (ShardkitException) failure;
        }
        return new ShardkitException("scatter failed on " + shard + ": " + failure, failure);
    }

    private static void cancelUnfinished(List<? extends ScatterTask<?>> tasks) {
        for (ScatterTask<?> task : tasks) {
            if (!task.finished) {
                task.cancel();
            }
        }
    }

    private <R> R runScatterPart(ScatterTask<R> task, ScatterRequest request, ShardFunction<R> function)
            throws Exception {
        Shard shard = task.shard;
        return guards[shard.id().value()].call(request.operation(), () -> {
            if (task.cancelled || System.nanoTime() - task.deadline >= 0) {
                throw new ShardTimeoutException(shard.id(), shard.name(), request.deadline());
            }
            HandleCallback<R, Exception> callback = handle -> {
                task.handle = handle;
                handle.addCustomizer(task);
                try {
                    return function.apply(shard.id(), handle);
                } finally {
                    task.handle = null;
                }
            };
            return request.isReadOnly()
                    ? replicaOrPrimaryWork(shard, onHandle(callback))
                    : primaryWork(shard, callback, false);
        });
    }

    /** One shard's part of a scatter; also the statement customizer that enforces its deadline. */
    private static final class ScatterTask<R> implements StatementCustomizer {
        final Shard shard;
        final long deadline;
        volatile @Nullable Handle handle;
        volatile boolean cancelled;
        volatile @Nullable Throwable failure;
        // Written by the worker before it offers the task to the queue, read by the caller after.
        @SuppressWarnings("NullAway.Init")
        volatile R result;

        boolean finished;

        ScatterTask(Shard shard, long deadline) {
            this.shard = shard;
            this.deadline = deadline;
        }

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            long left = deadline - System.nanoTime();
            if (cancelled || left <= 0) {
                throw new SQLException("scatter deadline passed before the statement ran on " + shard, "57014");
            }
            // A server-side backstop: the statement ends itself even if the cancel request is lost.
            statement.setQueryTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L)));
        }

        void cancel() {
            cancelled = true;
            Handle h = handle;
            if (h == null) {
                return;
            }
            try {
                h.getConnection().unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("could not cancel the running statement on {}: {}", shard, e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- health

    /**
     * Probes a shard's primary with {@code SELECT 1}, bypassing its circuit breaker, and reports
     * reachability, latency, the breaker's state and the pool's health.
     *
     * @param shardId the shard
     * @return the shard's health
     */
    public ShardHealth health(ShardId shardId) {
        Shard shard = shard(shardId);
        long start = System.nanoTime();
        String error = null;
        try (Connection c = shard.primary().dataSource().getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            error = rootMessage(e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new ShardHealth(
                shardId,
                error == null,
                latency,
                guards[shardId.value()].breaker().getState().name(),
                error,
                poolHealthOf(shard));
    }

    /**
     * Returns the health of a shard's primary pool: utilisation, the verdict (below 0.7 healthy,
     * below 0.9 warning, else critical) and advice.
     *
     * @param shardId the shard
     * @return the pool's health
     */
    public PoolHealth poolHealth(ShardId shardId) {
        return poolHealthOf(shard(shardId));
    }

    /**
     * Returns the state of a shard's circuit breaker: {@code CLOSED}, {@code OPEN}, {@code
     * HALF_OPEN}, ...
     *
     * @param shardId the shard
     * @return the state's name
     */
    public String circuitState(ShardId shardId) {
        shard(shardId);
        return guards[shardId.value()].breaker().getState().name();
    }

    // ---------------------------------------------------------------- schema

    /**
     * Applies Flyway migrations to every shard's primary.
     *
     * @param locations Flyway locations, e.g. {@code classpath:db/migration}
     * @throws MigrationException naming the first shard whose migration failed
     */
    public void migrate(String... locations) {
        migrate(Set.copyOf(shardIds), locations);
    }

    /**
     * Applies Flyway migrations to the primaries of some shards, in shard-id order; it stops at the
     * first failure.
     *
     * @param shardIds the shards to migrate
     * @param locations Flyway locations, e.g. {@code classpath:db/migration}
     * @throws MigrationException naming the shard whose migration failed
     * @throws UnknownShardException if a shard id is unknown
     */
    public void migrate(Set<ShardId> shardIds, String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("locations must name at least one Flyway location, but was empty");
        }
        String[] copy = locations.clone();
        migrate(shardIds, flyway -> flyway.locations(copy));
    }

    /**
     * Applies Flyway migrations configured by the caller (locations, schemas, baseline, placeholders)
     * to the primaries of some shards, in shard-id order; it stops at the first failure. The data
     * source is set by shardkit.
     *
     * @param shardIds the shards to migrate
     * @param configurer sets Flyway's options; called once per shard
     * @throws MigrationException naming the shard whose migration failed
     * @throws UnknownShardException if a shard id is unknown
     */
    public void migrate(Set<ShardId> shardIds, Consumer<FluentConfiguration> configurer) {
        Objects.requireNonNull(shardIds, "shardIds");
        Objects.requireNonNull(configurer, "configurer");
        List<ShardId> ordered = new ArrayList<>(shardIds);
        Collections.sort(ordered);
        List<Shard> targets = new ArrayList<>();
        for (ShardId id : ordered) {
            targets.add(shard(id));
        }
        for (Shard shard : targets) {
            try {
                FluentConfiguration flyway = Flyway.configure(ShardedDatabase.class.getClassLoader());
                configurer.accept(flyway);
                flyway.dataSource(shard.primary().dataSource()).load().migrate();
            } catch (FlywayException e) {
                throw new MigrationException(shard.id(), shard.name(), e);
            }
        }
    }

    // ---------------------------------------------------------------- administration

    /**
     * Returns the primary's pool state of a shard, e.g. {@code active=2, idle=8, waiting=0, max=10}.
     *
     * @param shardId the shard
     * @return the pool state
     */
    public String poolState(ShardId shardId) {
        return shard(shardId).primary().state();
    }

    /**
     * Returns a shard's primary pool as a {@link javax.sql.DataSource}, for tools that need JDBC
     * (metrics binders, bulk COPY). Connections taken from it must be closed.
     *
     * @param shardId the shard
     * @return the pool
     */
    public javax.sql.DataSource primaryDataSource(ShardId shardId) {
        return shard(shardId).primary().dataSource();
    }

    /** Returns the shard's configured name. */
    public String shardName(ShardId shardId) {
        return shard(shardId).name();
    }

    /**
     * Closes every pool, and the scatter executor if shardkit made it. Idempotent; later calls on the
     * database throw {@link DatabaseClosedException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsScatterExecutor) {
            scatterExecutor.shutdownNow();
        }
        closePools();
    }

    private void closePools() {
        for (Shard shard : shards) {
            if (shard != null) {
                shard.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ShardedDatabase{shards=" + shards.length + ", strategy=" + strategy.name() + ", closed=" + closed + "}";
    }

    /**
     * Builds a {@link ShardedDatabase}. Each setter validates its argument at once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ShardkitConfig config;
        private @Nullable ShardStrategy strategy;
        private Consumer<Jdbi> jdbiCustomizer = jdbi -> {};
        private LongSupplier nanoTicker = System::nanoTime;
        private @Nullable MeterRegistry registry;
        private @Nullable ExecutorService scatterExecutor;

        private Builder(ShardkitConfig config) {
            this.config = config;
        }

        /**
         * Sends metrics to a Micrometer registry: {@code shardkit.query} timers (tags {@code shard},
         * {@code operation}, {@code outcome}; p50/p95/p99 and histograms), breaker states, pool
         * utilisation and health, scatter fan-out and partial results, and HikariCP's own pool
         * metrics. Default: none (a registry that records nothing).
         *
         * @param value the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Runs scatter parts on this executor (e.g. {@code Executors.newVirtualThreadPerTaskExecutor()}
         * on JDK 21+) instead of shardkit's bounded pool. The caller owns it: {@link #close()} does not
         * shut it down. Per-shard bulkheads still bound the concurrency on each shard.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder scatterExecutor(ExecutorService value) {
            this.scatterExecutor = Objects.requireNonNull(value, "scatterExecutor");
            return this;
        }

        /**
         * Routes with this strategy (e.g. a {@link Topology} read from a file) instead of the one the
         * configuration names. It must route to exactly the configured shards.
         *
         * @param value the strategy
         * @return this builder
         */
        public Builder strategy(ShardStrategy value) {
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
        public Builder configureJdbi(Consumer<Jdbi> customizer) {
            Objects.requireNonNull(customizer, "customizer");
            Consumer<Jdbi> previous = jdbiCustomizer;
            this.jdbiCustomizer = previous.andThen(customizer);
            return this;
        }

        /**
         * Sets the time source for replica cool-downs; default {@link System#nanoTime()}. Tests pass a
         * fake.
         *
         * @param ticker nanosecond ticker
         * @return this builder
         */
        public Builder nanoTicker(LongSupplier ticker) {
            this.nanoTicker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds and starts the database.
         *
         * @return the database
         * @throws ShardStartupException if {@code startup} is {@code eager} and a primary is unreachable
         */
        public ShardedDatabase build() {
            return new ShardedDatabase(this);
        }
    }
}
