package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.core.internal.ReplicaSet;
import org.shardkit.core.internal.Shard;
import org.shardkit.core.internal.ShardPool;
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
 * {@code inTransaction}/{@code useTransaction} in a transaction on the primary. Inside a
 * transaction every call for the same shard joins it (on its connection) and a call for another
 * shard throws {@link CrossShardTransactionException}.
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
    private final List<ShardId> shardIds;
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
        this.shards = new Shard[n];
        List<ShardId> ids = new ArrayList<>(n);
        try {
            for (ShardConfig sc : config.shards()) {
                ShardPool primary =
                        new ShardPool("shardkit-" + sc.name() + "-primary", sc.primary(), sc.pool(), false, customizer);
                List<ShardPool> replicaPools = new ArrayList<>();
                int[] weights = new int[sc.replicas().size()];
                for (int r = 0; r < sc.replicas().size(); r++) {
                    ReplicaConfig rc = sc.replicas().get(r);
                    replicaPools.add(new ShardPool(
                            "shardkit-" + sc.name() + "-replica-" + r, rc.endpoint(), sc.pool(), true, customizer));
                    weights[r] = rc.weight();
                }
                shards[sc.id()] = new Shard(
                        ShardId.of(sc.id()),
                        sc.name(),
                        primary,
                        new ReplicaSet(replicaPools, weights, builder.nanoTicker, retryNanos));
            }
            for (int i = 0; i < n; i++) {
                ids.add(ShardId.of(i));
            }
            this.shardIds = Collections.unmodifiableList(ids);
            if (config.startup() == StartupMode.EAGER) {
                checkPrimaries();
            }
        } catch (RuntimeException e) {
            closePools();
            throw e;
        }
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
            checks.put(shard.id(), CompletableFuture.supplyAsync(() -> check(shard)));
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
     * the current {@link ReadYourWritesScope}.
     *
     * @param key the shard key
     * @param callback the work; it must not write (replica connections are read-only)
     * @param <R> the result type
     * @param <X> the exception the work may throw
     * @return the work's result
     * @throws X what the work throws
     */
    public <R, X extends Exception> R withReadOnly(ShardKey key, HandleCallback<R, X> callback) throws X {
        Shard shard = shard(shardOf(key));
        Transaction tx = TRANSACTION.get();
        if (tx != null
                || ReadYourWritesScope.wasWritten(shard.id())
                || shard.replicas().isEmpty()) {
            return onPrimary(shard, callback, false);
        }
        ReplicaSet replicas = shard.replicas();
        for (int r : replicas.candidates()) {
            ShardPool pool = replicas.pool(r);
            Handle handle;
            try {
                handle = pool.jdbi().open();
            } catch (ConnectionException e) {
                replicas.markFailed(r);
                LOG.warn(
                        "{}: replica {} gives no connection ({}); skipping it for {}",
                        shard,
                        pool.poolName(),
                        rootMessage(e),
                        config.replicaRetryAfter());
                continue;
            }
            replicas.markHealthy(r);
            try (Handle h = handle) {
                return callback.withHandle(h);
            } catch (JdbiException e) {
                throw translate(shard, pool, e);
            }
        }
        return onPrimary(shard, callback, false);
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
        Transaction tx = TRANSACTION.get();
        if (tx != null) {
            if (!tx.shard().equals(shard.id())) {
                throw new CrossShardTransactionException(tx.shard(), shard.id());
            }
            // Join the open transaction: same connection, so it sees its own writes and cannot
            // deadlock by asking the pool for a second connection.
            try {
                return transactional ? tx.handle().inTransaction(callback) : callback.withHandle(tx.handle());
            } catch (JdbiException e) {
                throw translate(shard, shard.primary(), e);
            }
        }
        ReadYourWritesScope.markWritten(shard.id());
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

    private static ShardkitException translate(Shard shard, ShardPool pool, JdbiException e) {
        if (e instanceof ConnectionException) {
            return unavailable(shard, pool, e);
        }
        String state = ShardQueryException.sqlStateOf(e);
        if (state != null && isConnectionLoss(state)) {
            // A pooled connection the server dropped (shutdown, crash, network): the shard is down,
            // not the statement wrong. HikariCP evicts the connection on these states.
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

    private static ShardUnavailableException unavailable(Shard shard, ShardPool pool, Throwable e) {
        Throwable cause = e.getCause();
        String reason;
        if (cause instanceof SQLTransientConnectionException) {
            long timeout = pool.dataSource().getConnectionTimeout();
            Throwable root = cause.getCause();
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

    /** Closes every pool. Idempotent; later calls on the database throw {@link DatabaseClosedException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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

        private Builder(ShardkitConfig config) {
            this.config = config;
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
