package org.shardkit.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.metrics.CircuitState;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardFunction;
import org.shardkit.core.twophase.DistributedWork;
import org.shardkit.core.twophase.RecoveryResult;
import org.shardkit.core.twophase.TwoPhaseCommit;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * A database spread over shards: the one object a service builds from its {@link ShardkitConfig}.
 * Each shard has a HikariCP pool and a Jdbi for its primary and for each read replica; work runs on
 * the shard a typed {@link ShardKey} routes to. No SQL is parsed.
 *
 * <pre>{@code
 * try (ShardedDatabase db = ShardedDatabase.create(ShardkitConfig.fromYaml(Path.of("shardkit.yaml")))) {
 *     db.migrate("classpath:db/migration");
 *     long agentId = db.ids().nextId();
 *     ShardKey key = ShardKey.of(agentId);
 *     db.useTransaction(key, h -> h.execute("INSERT INTO agent (id, name) VALUES (?, ?)", agentId, name));
 *     String name = db.withReadOnly(key, h -> h.createQuery("SELECT name FROM agent WHERE id = :id")
 *             .bind("id", agentId).mapTo(String.class).one());
 * }
 * }</pre>
 *
 * <p>Method families: {@code withX} returns a value, {@code useX} returns nothing. {@code
 * withShard}/{@code useShard} run on the shard's primary; {@code withReadOnly}/{@code useReadOnly}
 * on a replica (weighted round-robin, falling back to the primary when no replica is healthy; the
 * work may run again on the next one, so it must be idempotent, as reads are); {@code
 * inTransaction}/{@code useTransaction} in a transaction on the primary. {@code withConnection},
 * {@code useConnection} and {@code withReadOnlyConnection} hand the work a bare JDBC connection
 * instead of a Jdbi handle (see {@link ConnectionCallback}). Inside a transaction every call of this
 * database for the same shard joins it (on its connection) and a call for another shard throws
 * {@link CrossShardTransactionException}; transactions of another database are not seen.
 *
 * <p>Failures: a shard that gives no connection throws {@link ShardUnavailableException}; a failed
 * statement throws {@link ShardQueryException}; both name the shard. Exceptions the callback throws
 * itself pass through unchanged. After {@link #close()} every call throws {@link
 * IllegalStateException}, as a closed JDBC object or {@link IdGenerator} does: it is the caller's bug.
 *
 * <p>Thread-safe.
 */
public final class ShardedDatabase implements AutoCloseable {
    private final ShardkitConfig config;
    private final ShardStrategy strategy;
    private final ShardSet shards;
    private final CallPath calls;
    private final ScatterEngine scatter;
    private final HealthProbe probe;
    private final ReadYourWritesScope.Tracker writes;
    private final WorkerIds workerIds;
    private final TwoPhaseCommit twoPhase;
    private final AtomicBoolean closed = new AtomicBoolean();

    ShardedDatabase(ShardedDatabaseBuilder b) {
        this.config = b.config();
        this.strategy = b.strategy();
        MeterRegistry given = b.registry();
        MeterRegistry registry = given != null ? given : new CompositeMeterRegistry();
        ShardSet set = ShardSet.open(config, b.jdbiCustomizer(), given, registry, b.ticker());
        this.shards = set;
        Transactions transactions = new Transactions();
        this.writes = new ReadYourWritesScope.Tracker();
        this.calls = new CallPath(transactions, writes, config.replicaRetryAfter());
        this.probe = new HealthProbe(b.ticker());
        Startup started = Startup.run(b, this, calls, transactions, registry, set);
        this.scatter = started.scatter();
        this.workerIds = started.workerIds();
        this.twoPhase = started.twoPhase();
    }

    /**
     * Builds and starts a database with the configured strategy, no extra Jdbi plugins and no
     * metrics.
     *
     * @param config the configuration
     * @return the running database
     * @throws ShardStartupException if {@code startup} is {@code eager} and a primary is unreachable
     */
    public static ShardedDatabase create(ShardkitConfig config) {
        return builder(config).build();
    }

    /**
     * Returns a builder for a database over a configuration: metrics, Jdbi plugins, executor, clock.
     *
     * @param config the configuration
     * @return a new builder
     */
    public static ShardedDatabaseBuilder builder(ShardkitConfig config) {
        return new ShardedDatabaseBuilder(Objects.requireNonNull(config, "config"));
    }

    /**
     * Runs work as one unit over the keys' shards' primaries with two-phase commit: committed on every
     * shard when it returns, on none when it throws (a failed statement as ShardQueryException); keys on one shard make a
     * local transaction, no prepare. Use only {@code tx.handle(..)} inside: other calls run outside
     * the unit. E.g. {@code db.inDistributedTransaction(List.of(a, b), tx -> tx.handle(a).execute(..)
     * + tx.handle(b).execute(..))}; see {@code docs/two-phase-commit.md}.
     *
     * @throws IllegalArgumentException if {@code keys} is null, empty or holds null
     * @throws IllegalStateException inside a transaction or unit of this database, or if the keys span
     *     shards while {@code twoPhase.enabled} is false
     * @throws org.shardkit.core.twophase.TwoPhaseCommitException a shard failed before the decision,
     *     or recovery decided abort first: committed on no shard
     */
    public <R, X extends Exception> R inDistributedTransaction(Collection<ShardKey> keys, DistributedWork<R, X> work)
            throws X {
        checkOpen();
        ShardId open = calls.openTransactionShard();
        if (open != null) {
            throw new IllegalStateException("inDistributedTransaction cannot run inside a transaction pinned to " + open
                    + ": a unit opens transactions of its own on every shard it covers");
        }
        return twoPhase.inDistributedTransaction(keys, work);
    }

    /** Tells whether two-phase commit is enabled ({@code twoPhase.enabled}). */
    public boolean twoPhaseCommitEnabled() {
        return twoPhase.enabled();
    }

    /**
     * Finishes this coordinator's prepared transactions older than {@code twoPhase.inDoubtGrace} by
     * their decision now, as every {@code twoPhase.recoveryInterval}; ISE when 2PC is disabled.
     */
    public RecoveryResult recoverPreparedTransactions() {
        checkOpen();
        return twoPhase.recover();
    }

    // ---------------------------------------------------------------- routing

    /** Returns the shard a key routes to; {@code key} must not be null. */
    public ShardId shardOf(ShardKey key) {
        return ShardId.of(strategy.route(ShardKey.require(key).routingValue()));
    }

    /** Returns the shards a set of keys routes to, in order: the shards a scatter over them needs. */
    public Set<ShardId> shardsOf(Collection<ShardKey> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<ShardId> out = new TreeSet<>();
        keys.forEach(key -> out.add(shardOf(key)));
        return out;
    }

    /**
     * Groups items by the shard their key routes to, keeping their order within each group: for
     * batch writes, one batch per shard.
     *
     * @return shard id to items, in shard-id order
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

    /** Returns every shard id, {@code 0..n-1}. */
    public List<ShardId> shardIds() {
        return shards.ids();
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
     * Returns the ID generator the configuration's {@code idgen} section describes: a static worker
     * id, or one leased from PostgreSQL (shard 0) or Redis, held until {@link #close()}.
     */
    public IdGenerator ids() {
        checkOpen();
        return workerIds.generator();
    }

    // ---------------------------------------------------------------- work on a shard

    /**
     * Runs work on the primary of the key's shard and returns its result.
     *
     * @throws ShardUnavailableException if the shard gives no connection
     * @throws ShardQueryException if a statement fails
     * @throws CrossShardTransactionException inside a transaction pinned to another shard
     */
    public <R, X extends Exception> R withShard(ShardKey key, HandleCallback<R, X> callback) throws X {
        return calls.onPrimary(shard(shardOf(key)), CallPath.requireWork(callback), false);
    }

    /** Runs work on the primary of the key's shard, like {@link #withShard}. */
    public <X extends Exception> void useShard(ShardKey key, HandleConsumer<X> consumer) throws X {
        withShard(key, CallPath.asCallback(consumer));
    }

    /**
     * Runs work on the primary of the shard with this id (administration, per-shard jobs).
     *
     * @throws UnknownShardException if there is no such shard
     */
    public <R, X extends Exception> R withShardId(ShardId shardId, HandleCallback<R, X> callback) throws X {
        return calls.onPrimary(shard(shardId), CallPath.requireWork(callback), false);
    }

    /**
     * Runs read-only work on a replica of the key's shard, or on its primary when it has no healthy
     * replica, inside a transaction, or after this thread wrote to it in its {@link
     * ReadYourWritesScope}. The work must not write, and must be idempotent: a replica lost mid-way
     * makes it run again on the next replica or the primary.
     */
    public <R, X extends Exception> R withReadOnly(ShardKey key, HandleCallback<R, X> callback) throws X {
        return calls.onReplica(shard(shardOf(key)), CallPath.requireWork(callback));
    }

    /** Runs read-only work like {@link #withReadOnly} and returns nothing. */
    public <X extends Exception> void useReadOnly(ShardKey key, HandleConsumer<X> consumer) throws X {
        withReadOnly(key, CallPath.asCallback(consumer));
    }

    /**
     * Runs work in a transaction on the primary of the key's shard: committed when the work returns,
     * rolled back when it throws. Calls of this database for the same shard inside it join it; calls
     * for another shard throw {@link CrossShardTransactionException}.
     */
    public <R, X extends Exception> R inTransaction(ShardKey key, HandleCallback<R, X> callback) throws X {
        return calls.onPrimary(shard(shardOf(key)), CallPath.requireWork(callback), true);
    }

    /** Runs work in a transaction like {@link #inTransaction} and returns nothing. */
    public <X extends Exception> void useTransaction(ShardKey key, HandleConsumer<X> consumer) throws X {
        inTransaction(key, CallPath.asCallback(consumer));
    }

    /**
     * Runs work on a bare JDBC connection to the primary of the key's shard: the routing, guard,
     * metrics, transaction pinning and error translation of {@link #withShard}, without Jdbi's
     * per-statement work. For hot paths and pgjdbc features such as {@code COPY}.
     *
     * @throws ShardUnavailableException if the shard gives no connection or loses it
     * @throws ShardQueryException if a statement fails ({@link java.sql.SQLException} from the work)
     */
    public <R, X extends Exception> R withConnection(ShardKey key, ConnectionCallback<R, X> callback) throws X {
        return calls.withConnection(shard(shardOf(key)), Objects.requireNonNull(callback, "callback"));
    }

    /** Runs work on a bare JDBC connection like {@link #withConnection} and returns nothing. */
    public <X extends Exception> void useConnection(ShardKey key, ConnectionConsumer<X> consumer) throws X {
        Objects.requireNonNull(consumer, "consumer");
        withConnection(key, c -> {
            consumer.useConnection(c);
            return Boolean.TRUE; // ignored: a ConnectionCallback returns a value
        });
    }

    /**
     * Runs read-only work on a bare JDBC connection to the replica (or primary) {@link #withReadOnly}
     * would choose; the same rules apply.
     */
    public <R, X extends Exception> R withReadOnlyConnection(ShardKey key, ConnectionCallback<R, X> callback) throws X {
        return calls.withReadOnlyConnection(shard(shardOf(key)), Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Returns a Jdbi SqlObject bound to the primary of the key's shard; each call on it takes a
     * connection from that shard's pool and returns it. It passes neither guard nor transaction
     * pinning: prefer {@code withShard(key, h -> h.attach(type))}.
     */
    public <T> T onDemand(ShardKey key, Class<T> sqlObjectType) {
        Objects.requireNonNull(sqlObjectType, "sqlObjectType");
        Shard shard = shard(shardOf(key));
        calls.markWritten(shard);
        return shard.primary().jdbi().onDemand(sqlObjectType);
    }

    /** Opens a scope in which this thread's reads from shards it wrote to go to their primaries. */
    public ReadYourWritesScope readYourWrites() {
        checkOpen();
        return writes.open();
    }

    // ---------------------------------------------------------------- scatter-gather

    /**
     * Runs a function on many shards in parallel and gathers the results. The call takes about as
     * long as the slowest shard, never longer than the request's deadline: when it passes, the
     * statements still running are cancelled and, with {@link FailurePolicy#PARTIAL}, those shards
     * are reported missing with a {@link org.shardkit.core.scatter.ShardTimeoutException}; with
     * {@link FailurePolicy#FAIL_FAST} the first failure cancels the rest and is thrown. Every
     * failure names its shard ({@link ShardkitException#shardId()}). Each part holds one connection
     * and waits for no other part, so concurrent scatters cannot deadlock on the pools.
     *
     * <pre>{@code
     * ScatterResult<List<Agent>> r = db.scatter(
     *         ScatterRequest.allShards().withDeadline(Duration.ofMillis(300)).withPolicy(FailurePolicy.PARTIAL),
     *         (shard, h) -> h.createQuery("SELECT ... ORDER BY score DESC LIMIT 20").map(AGENT).list());
     * List<Agent> top = Merge.topK(r.availableResults().values(), 20, BY_SCORE_DESC);
     * }</pre>
     *
     * @return the results, and the missing shards with their causes
     * @throws ShardkitException with {@code FAIL_FAST}, the first shard's failure; inside a
     *     transaction (the scatter would need a second connection on the transaction's shard)
     */
    public <R> ScatterResult<R> scatter(ScatterRequest request, ShardFunction<R> function) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(function, "function");
        checkOpen();
        Set<ShardId> chosen = request.shards();
        List<Shard> targets = new ArrayList<>();
        if (chosen == null) {
            targets.addAll(shards.all());
        } else {
            chosen.forEach(id -> targets.add(shards.get(id)));
        }
        return scatter.run(request, targets, function);
    }

    // ---------------------------------------------------------------- health and administration

    /** Probes a shard's primary and replicas with {@code SELECT 1}, past its breaker; see {@link ShardHealth}. */
    public ShardHealth health(ShardId shardId) {
        return probe.probe(shard(shardId));
    }

    /** Returns the health of a shard's primary pool: utilisation, verdict and advice. */
    public PoolHealth poolHealth(ShardId shardId) {
        return PoolGauges.health(shard(shardId));
    }

    /** Returns the state of a shard's circuit breaker. */
    public CircuitState circuitState(ShardId shardId) {
        return shard(shardId).guard().circuitState();
    }

    /** Returns a shard's primary pool state, e.g. {@code active=2, idle=8, waiting=0, max=10}. */
    public String poolState(ShardId shardId) {
        return shard(shardId).primary().state();
    }

    /**
     * Returns a shard's primary pool, for tools that need plain JDBC (metrics binders, bulk loads).
     * Its connections pass no guard; close each one.
     */
    public DataSource primaryDataSource(ShardId shardId) {
        return shard(shardId).primary().dataSource();
    }

    /** Returns a shard's configured name. */
    public String shardName(ShardId shardId) {
        return shard(shardId).name();
    }

    /**
     * Applies Flyway migrations to every shard's primary, in shard-id order.
     *
     * @param locations Flyway locations, e.g. {@code classpath:db/migration}
     * @throws MigrationException naming the first shard whose migration failed
     */
    public void migrate(String... locations) {
        migrate(Set.copyOf(shardIds()), locations);
    }

    /** Applies Flyway migrations to some shards' primaries, in shard-id order, like {@link #migrate(String...)}. */
    public void migrate(Set<ShardId> shardIds, String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("locations must name at least one Flyway location, but was empty");
        }
        String[] copy = locations.clone();
        migrate(shardIds, flyway -> flyway.locations(copy));
    }

    /**
     * Applies Flyway migrations configured by the caller (locations, schemas, placeholders) to some
     * shards' primaries, in shard-id order, stopping at the first failure; shardkit sets the data
     * source.
     *
     * @throws MigrationException naming the shard whose migration failed
     * @throws UnknownShardException if a shard id is unknown
     */
    public void migrate(Set<ShardId> shardIds, Consumer<FluentConfiguration> configurer) {
        Objects.requireNonNull(shardIds, "shardIds");
        Objects.requireNonNull(configurer, "configurer");
        List<Shard> targets = new ArrayList<>();
        new TreeSet<>(shardIds).forEach(id -> targets.add(shard(id)));
        Migrations.migrate(targets, configurer);
    }

    /**
     * Releases the worker id, stops the scatter executor if shardkit made it, and closes every pool.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // In this order: recovery and the worker id's release use the shards, so the pools close last.
        Closing.all(null, twoPhase, workerIds, scatter, shards);
    }

    @Override
    public String toString() {
        return "ShardedDatabase{shards=" + shards.size() + ", strategy=" + strategy.name() + ", closed=" + closed.get()
                + "}";
    }

    private Shard shard(ShardId id) {
        checkOpen();
        return shards.get(id);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this ShardedDatabase is closed; its pools are shut down");
        }
    }
}
