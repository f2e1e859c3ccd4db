package org.shardkit.core.twophase;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TwoPhaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-phase commit runtime of one {@link ShardedDatabase}, which creates it and closes it:
 * applications use {@link ShardedDatabase#inDistributedTransaction} and {@link
 * ShardedDatabase#recoverPreparedTransactions()}, not this class. It is public only because the
 * database lives in another package; it makes no compatibility promise.
 *
 * <p>It reaches the shards through the database's public API alone ({@code withShardId}, {@code
 * shardsOf}, {@code shardIds}, {@code shardName}), so every statement passes the shard's breaker,
 * bulkhead and timers like any other call; the database itself refuses a unit inside its own
 * shard-pinned transactions, which only it can see. Behind this class: {@code Coordinator} (one
 * unit), {@code Recovery} (one pass), {@code DecisionLog} (the decision table), {@code GlobalIds},
 * {@code PreparedTransactions}, {@code PreparedTransactionsCheck} and {@code TwoPhaseMeters}. How it
 * works and what it guarantees: {@code docs/two-phase-commit.md}.
 *
 * <p>Thread-safe. {@link #close()} stops the recovery thread.
 */
public final class TwoPhaseCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseCommit.class);
    /** The shard holding the decision table. */
    static final ShardId COORDINATOR_SHARD = ShardId.of(0);

    private final ShardedDatabase db;
    private final TwoPhaseConfig config;
    private final GlobalIds ids;
    private final DecisionLog decisions;
    private final PreparedTransactionsCheck check;
    private final Coordinator coordinator;
    private final Recovery recovery;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<InDoubt> inDoubt = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<@Nullable String> current = new ThreadLocal<>();
    private final @Nullable ScheduledExecutorService scheduler;

    private TwoPhaseCommit(ShardedDatabase db, MeterRegistry registry, LongSupplier ticker, CrashPoint.Hook hook) {
        this.db = db;
        this.config = db.config().twoPhase();
        this.ids = new GlobalIds(config.coordinator());
        this.decisions = new DecisionLog(db, COORDINATOR_SHARD, ids.prefix());
        this.check = new PreparedTransactionsCheck(db);
        TwoPhaseMeters meters = new TwoPhaseMeters(registry, config.coordinator(), inDoubt);
        this.coordinator = new Coordinator(db, decisions, check, meters, inDoubt, hook, ticker);
        this.recovery = new Recovery(db, ids, decisions, meters, inFlight, inDoubt, config.inDoubtGrace());
        this.scheduler = config.enabled() && !config.recoveryInterval().isZero()
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "shardkit-2pc-recovery-" + config.coordinator());
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * Starts the runtime of a database from its {@code twoPhase} settings. When enabled: at an eager
     * start, checks every shard's {@code max_prepared_transactions} and creates the decision table;
     * then schedules recovery (the first pass at once) unless {@code recoveryInterval} is 0.
     *
     * @param db the database, fully built but for this
     * @param registry where the {@code shardkit.2pc.*} meters go
     * @param ticker the nanosecond time source
     * @return the runtime
     * @throws PreparedTransactionsDisabledException at an eager start, naming each shard that
     *     refuses prepared transactions
     */
    public static TwoPhaseCommit start(ShardedDatabase db, MeterRegistry registry, LongSupplier ticker) {
        return start(db, registry, ticker, CrashPoint.Hook.NONE);
    }

    /** FOR TESTS: starts a runtime whose units call {@code hook} at each {@link CrashPoint}. */
    static TwoPhaseCommit start(ShardedDatabase db, MeterRegistry registry, LongSupplier ticker, CrashPoint.Hook hook) {
        Objects.requireNonNull(db, "db");
        TwoPhaseCommit runtime = new TwoPhaseCommit(
                db, Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(ticker, "ticker"), hook);
        try {
            runtime.begin();
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void begin() {
        if (!config.enabled()) {
            return;
        }
        if (db.config().startup() == StartupMode.EAGER) {
            check.checkAll();
            decisions.ensureTable();
        }
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            long every = config.recoveryInterval().toMillis();
            // The future is not needed: close() stops the executor, and a pass's failure is logged there.
            // Lazy startup connects to no shard at start: its first pass waits one interval.
            long first = db.config().startup() == StartupMode.EAGER ? 0 : every;
            var unused = s.scheduleWithFixedDelay(this::scheduledPass, first, every, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledPass() {
        try {
            RecoveryResult r = recovery.pass();
            if (r.committed() + r.rolledBack() > 0 || !r.unreachable().isEmpty()) {
                LOG.info("two-phase recovery ({}): {}", config.coordinator(), r);
            }
        } catch (RuntimeException e) {
            LOG.warn("two-phase recovery pass ({}) failed: {}", config.coordinator(), e.toString());
        }
    }

    /** Tells whether two-phase commit is enabled. */
    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Runs a unit; what {@link ShardedDatabase#inDistributedTransaction} does once it has checked
     * that no transaction of its own is open.
     *
     * @throws IllegalArgumentException if {@code keys} is null, empty or holds null
     * @throws IllegalStateException inside another unit of this database, or when the keys span
     *     shards and two-phase commit is disabled
     */
    public <R, X extends Exception> R inDistributedTransaction(Collection<ShardKey> keys, DistributedWork<R, X> work)
            throws X {
        List<ShardId> shards = shardsOf(keys);
        Objects.requireNonNull(work, "work");
        String outer = current.get();
        if (outer != null) {
            throw new IllegalStateException("inDistributedTransaction cannot run inside distributed transaction "
                    + outer + ": units do not nest; run the work in the open unit, with its handles");
        }
        if (shards.size() > 1 && !config.enabled()) {
            throw new IllegalStateException("keys " + keys + " span " + shards + ", and a unit over several shards"
                    + " needs two-phase commit, which is disabled: set twoPhase.enabled: true in the configuration"
                    + " (TwoPhaseConfig.builder().enabled(true)) and max_prepared_transactions > 0 on every shard's"
                    + " server");
        }
        String globalId = ids.next();
        current.set(globalId);
        inFlight.add(globalId);
        try {
            return shards.size() == 1
                    ? coordinator.local(shards.get(0), globalId, work)
                    : coordinator.distributed(shards, globalId, work);
        } finally {
            inFlight.remove(globalId);
            current.remove();
        }
    }

    private List<ShardId> shardsOf(@Nullable Collection<ShardKey> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys must hold at least one key, but was " + keys);
        }
        for (ShardKey key : keys) {
            if (key == null) {
                throw new IllegalArgumentException("keys must not hold null, but was " + keys);
            }
        }
        return new ArrayList<>(db.shardsOf(keys)); // in shard-id order: the order connections are taken
    }

    /**
     * Runs one recovery pass now (serialised with the periodic one).
     *
     * @return what the pass did
     * @throws IllegalStateException if two-phase commit is disabled
     */
    public RecoveryResult recover() {
        if (!config.enabled()) {
            throw new IllegalStateException(
                    "two-phase commit is disabled (twoPhase.enabled: false): there is nothing of it to recover");
        }
        return recovery.pass();
    }

    /** Stops the recovery thread, waiting up to 10 s for a pass under way. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService s = scheduler;
        if (s == null || s.isShutdown()) {
            return;
        }
        s.shutdownNow();
        try {
            if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("two-phase recovery ({}) did not stop within 10 s", config.coordinator());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TwoPhaseCommit[" + config + ", inFlight=" + inFlight.size() + ", inDoubt=" + inDoubt.size() + "]";
    }
}
