package org.shardkit.core.twophase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs distributed units: opens a transaction on each shard's primary in shard-id order, runs the
 * work, prepares every shard, records the decision on the coordinator shard, then commits every
 * prepared transaction and deletes the decision. A unit on one shard is a local transaction.
 *
 * <p>Phase one holds one connection per shard, taken in shard-id order through {@link
 * ShardedDatabase#withShardId} (so the shards' guards, pools and timers apply and concurrent units
 * cannot deadlock on the pools); the calls nest, one per shard, and no exception crosses a shard's
 * call but its own, so each failure is counted against the shard it concerns. The decision and the
 * second phase run after phase one has returned every connection, one connection at a time.
 * Thread-safe.
 */
final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final ShardedDatabase db;
    private final DecisionLog decisions;
    private final PreparedTransactionsCheck check;
    private final TwoPhaseMeters meters;
    private final Set<InDoubt> inDoubt;
    private final CrashPoint.Hook hook;
    private final LongSupplier ticker;

    /** What phase one left behind. */
    private static final class PhaseOne<R> {
        @Nullable
        R result;

        @Nullable
        Throwable workFailure;

        @Nullable
        Throwable crash;

        @Nullable
        Throwable failure;

        @Nullable
        ShardId failedShard;

        String failedWhile = "";

        @Nullable
        ShardId maybePrepared;

        final List<ShardId> prepared = new ArrayList<>();
        long firstPrepareNanos;

        void fail(ShardId shard, String during, Throwable e) {
            Throwable first = failure;
            if (first != null) {
                first.addSuppressed(e);
                return;
            }
            failure = e;
            failedShard = shard;
            failedWhile = during;
        }
    }

    Coordinator(
            ShardedDatabase db,
            DecisionLog decisions,
            PreparedTransactionsCheck check,
            TwoPhaseMeters meters,
            Set<InDoubt> inDoubt,
            CrashPoint.Hook hook,
            LongSupplier ticker) {
        this.db = db;
        this.decisions = decisions;
        this.check = check;
        this.meters = meters;
        this.inDoubt = inDoubt;
        this.hook = hook;
        this.ticker = ticker;
    }

    /** Runs a unit on one shard as a local transaction: no prepare, no decision. */
    <R, X extends Exception> R local(ShardId shard, String globalId, DistributedWork<R, X> work) throws X {
        OpenUnit unit = new OpenUnit(db, globalId, Set.of(shard));
        PhaseOne<R> one = new PhaseOne<>();
        db.withShardId(shard, h -> {
            h.begin();
            unit.attach(shard, h);
            try {
                if (runWork(unit, work, one)) {
                    requireOpen(h, shard, globalId);
                    h.commit();
                }
            } finally {
                rollbackIfOpen(h, shard);
            }
            return Boolean.TRUE;
        });
        Throwable failure = one.workFailure;
        if (failure != null) {
            throw Coordinator.<X>rethrow(failure);
        }
        return result(one);
    }

    /** Runs a unit over several shards with two-phase commit. */
    <R, X extends Exception> R distributed(List<ShardId> shards, String globalId, DistributedWork<R, X> work) throws X {
        OpenUnit unit = new OpenUnit(db, globalId, new TreeSet<>(shards));
        PhaseOne<R> one = new PhaseOne<>();
        open(unit, shards, 0, work, one);
        Throwable crash = one.crash;
        if (crash != null) {
            throw Coordinator.<X>rethrow(crash); // abandoned as by a dead process: no cleanup at all
        }
        Throwable workFailure = one.workFailure;
        if (workFailure != null) {
            meters.rolledBack();
            throw Coordinator.<X>rethrow(workFailure);
        }
        Throwable failure = one.failure;
        ShardId failedShard = one.failedShard;
        if (failure != null && failedShard != null) {
            List<ShardId> toRollBack = new ArrayList<>(one.prepared);
            ShardId maybe = one.maybePrepared;
            if (maybe != null) {
                toRollBack.add(maybe); // its PREPARE may have succeeded with the answer lost
            }
            rollbackPrepared(globalId, toRollBack);
            meters.rolledBack();
            if (failure instanceof PreparedTransactionsDisabledException refused) {
                throw refused;
            }
            throw new TwoPhaseCommitException(
                    failedShard,
                    globalId,
                    "distributed transaction " + globalId + " rolled back: " + describe(failedShard) + " failed "
                            + one.failedWhile + ": " + firstLine(failure) + "; committed on no shard",
                    false,
                    failure);
        }
        decideCommit(globalId, shards, one.firstPrepareNanos);
        commitPrepared(globalId, shards);
        meters.committed();
        return result(one);
    }

    /** Opens the transaction of shard {@code index} and, inside it, the rest; the last one runs the unit. */
    private <R, X extends Exception> void open(
            OpenUnit unit, List<ShardId> shards, int index, DistributedWork<R, X> work, PhaseOne<R> one) {
        if (index == shards.size()) {
            runAndPrepare(unit, shards, work, one);
            return;
        }
        ShardId shard = shards.get(index);
        try {
            db.withShardId(shard, h -> {
                check.checkOnFirstUse(shard, h);
                h.begin();
                unit.attach(shard, h);
                try {
                    open(unit, shards, index + 1, work, one);
                } finally {
                    rollbackIfOpen(h, shard);
                }
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            // Only this shard's own failures get here (taking a connection, beginning): the calls
            // nested inside report theirs in `one`.
            one.fail(shard, "while opening its transaction", e);
        }
    }

    private <R, X extends Exception> void runAndPrepare(
            OpenUnit unit, List<ShardId> shards, DistributedWork<R, X> work, PhaseOne<R> one) {
        if (!runWork(unit, work, one)) {
            return;
        }
        String globalId = unit.globalId();
        for (ShardId shard : shards) {
            Handle h = unit.attached(shard);
            try {
                requireOpen(h, shard, globalId);
            } catch (IllegalStateException e) {
                one.fail(shard, "before prepare", e);
                return;
            }
            try {
                h.execute("PREPARE TRANSACTION '" + GlobalIds.onShard(globalId, shard) + "'");
            } catch (RuntimeException e) {
                one.maybePrepared = shard;
                one.fail(shard, "to prepare", e);
                return;
            }
            if (one.prepared.isEmpty()) {
                one.firstPrepareNanos = ticker.getAsLong();
            }
            one.prepared.add(shard);
            meters.prepared();
            endJdbiTransaction(h, shard);
            if (one.prepared.size() == 1 && !reach(CrashPoint.AFTER_FIRST_PREPARE, globalId, one)) {
                return;
            }
        }
        reach(CrashPoint.AFTER_ALL_PREPARED, globalId, one);
    }

    /** Runs the work; false if it threw (kept in {@code one}). The unit's handles end with it. */
    private static <R, X extends Exception> boolean runWork(
            OpenUnit unit, DistributedWork<R, X> work, PhaseOne<R> one) {
        try {
            one.result = work.run(unit);
            return true;
        } catch (Throwable t) {
            // Rethrown once every connection is back (a statement failure naming its shard, anything
            // else unchanged); rollbacks happen on the way out.
            one.workFailure = unit.namingShard(t);
            return false;
        } finally {
            unit.close();
        }
    }

    /**
     * Records the commit decision, the moment the unit commits; or learns that recovery recorded
     * abort first, and rolls back.
     */
    private void decideCommit(String globalId, List<ShardId> shards, long firstPrepareNanos) {
        boolean late = ticker.getAsLong() - firstPrepareNanos > DecisionLog.LATEST_DECISION.toNanos();
        DecisionLog.Outcome wanted = late ? DecisionLog.Outcome.ABORT : DecisionLog.Outcome.COMMIT;
        DecisionLog.Outcome outcome;
        try {
            outcome = decisions.decide(globalId, wanted);
        } catch (RuntimeException first) {
            try {
                // The first attempt's answer may be lost while its row was written: ask again.
                outcome = decisions.decide(globalId, wanted);
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                shards.forEach(s -> inDoubt.add(new InDoubt(s, GlobalIds.onShard(globalId, s))));
                throw new TwoPhaseCommitException(
                        decisions.shard(),
                        globalId,
                        "distributed transaction " + globalId + " is in doubt: its decision could not be recorded"
                                + " on the coordinator " + describe(decisions.shard()) + ": " + firstLine(second)
                                + "; its prepared transactions stay for recovery, which commits them all if the"
                                + " decision was recorded and rolls them all back if not",
                        true,
                        second);
            }
        }
        if (outcome == DecisionLog.Outcome.ABORT) {
            rollbackPrepared(globalId, shards);
            meters.rolledBack();
            throw new TwoPhaseCommitException(
                    decisions.shard(),
                    globalId,
                    "distributed transaction " + globalId + " rolled back: "
                            + (late
                                    ? "more than " + DecisionLog.LATEST_DECISION.toMinutes() + " minutes passed between"
                                            + " its first prepare and its decision"
                                    : "recovery recorded abort for it first on the coordinator "
                                            + describe(decisions.shard())
                                            + " (its prepared transactions were older than twoPhase.inDoubtGrace)")
                            + "; committed on no shard",
                    false,
                    null);
        }
    }

    /** Phase two: the outcome is commit whatever happens here; a shard that fails is left to recovery. */
    private void commitPrepared(String globalId, List<ShardId> shards) {
        hook.reached(CrashPoint.AFTER_DECISION, globalId);
        boolean all = true;
        boolean first = true;
        for (ShardId shard : shards) {
            String gid = GlobalIds.onShard(globalId, shard);
            try {
                PreparedTransactions.commit(db, shard, gid); // false: recovery committed it already
            } catch (RuntimeException e) {
                all = false;
                inDoubt.add(new InDoubt(shard, gid));
                LOG.warn(
                        "distributed transaction {} is committed, but COMMIT PREPARED '{}' failed on {}; recovery"
                                + " will commit it there: {}",
                        globalId,
                        gid,
                        describe(shard),
                        firstLine(e));
                continue;
            }
            if (first) {
                first = false;
                hook.reached(CrashPoint.AFTER_FIRST_COMMIT, globalId);
            }
        }
        if (all) {
            try {
                decisions.deleteCommits(List.of(globalId));
            } catch (RuntimeException e) {
                LOG.warn(
                        "distributed transaction {} is committed; its decision row stays until recovery deletes it: {}",
                        globalId,
                        firstLine(e));
            }
        }
    }

    private void rollbackPrepared(String globalId, List<ShardId> shards) {
        for (ShardId shard : shards) {
            String gid = GlobalIds.onShard(globalId, shard);
            try {
                PreparedTransactions.rollback(db, shard, gid);
            } catch (RuntimeException e) {
                inDoubt.add(new InDoubt(shard, gid));
                LOG.warn(
                        "distributed transaction {} is rolled back, but ROLLBACK PREPARED '{}' failed on {}; recovery"
                                + " will roll it back there if it was prepared: {}",
                        globalId,
                        gid,
                        describe(shard),
                        firstLine(e));
            }
        }
    }

    private boolean reach(CrashPoint point, String globalId, PhaseOne<?> one) {
        try {
            hook.reached(point, globalId);
            return true;
        } catch (RuntimeException | Error e) {
            one.crash = e;
            return false;
        }
    }

    private static void requireOpen(Handle h, ShardId shard, String globalId) {
        if (!h.isInTransaction()) {
            throw new IllegalStateException("the work of distributed transaction " + globalId + " ended the"
                    + " transaction on " + shard + ": it must not commit or roll back the unit's handles");
        }
    }

    /**
     * Ends Jdbi's transaction on a handle whose transaction was just prepared. PREPARE TRANSACTION left
     * the session idle, so pgjdbc sends nothing for this commit; Jdbi then sees no open transaction
     * and returns the connection cleanly.
     */
    private static void endJdbiTransaction(Handle h, ShardId shard) {
        try {
            h.commit();
        } catch (RuntimeException e) {
            LOG.debug("{}: ending the handle's transaction after PREPARE failed", shard, e);
        }
    }

    private static void rollbackIfOpen(Handle h, ShardId shard) {
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
        } catch (RuntimeException e) {
            // The server rolls back a transaction whose connection is gone.
            LOG.debug("{}: rollback failed", shard, e);
        }
    }

    private String describe(ShardId shard) {
        return shard + " (" + db.shardName(shard) + ")";
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @SuppressWarnings("unchecked") // the work's checked exceptions are X, the only ones it may throw
    private static <X extends Exception> RuntimeException rethrow(Throwable t) throws X {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw (X) t;
    }

    @SuppressWarnings("NullAway") // the work's own result, which may be null when R is nullable
    private static <R> R result(PhaseOne<R> one) {
        return one.result;
    }
}
