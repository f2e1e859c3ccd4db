package org.shardkit.core;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of one call into a shard: join the thread's open transaction or pass the shard's guard,
 * then run on the primary, or for reads on a replica with failover to the next replica and the
 * primary. Thread-safe.
 */
final class CallPath {
    private static final Logger LOG = LoggerFactory.getLogger(CallPath.class);

    private final Transactions transactions;
    private final ReadYourWritesScope.Tracker writes;
    private final Duration replicaRetryAfter;

    CallPath(Transactions transactions, ReadYourWritesScope.Tracker writes, Duration replicaRetryAfter) {
        this.transactions = transactions;
        this.writes = writes;
        this.replicaRetryAfter = replicaRetryAfter;
    }

    /** Work on the primary, in a transaction or not, joining the thread's transaction on this shard. */
    <R, X extends Exception> R onPrimary(Shard shard, HandleCallback<R, X> callback, boolean transactional) throws X {
        Handle joined = transactions.joinable(shard);
        if (joined != null) {
            try {
                return transactional ? joined.inTransaction(callback) : callback.withHandle(joined);
            } catch (JdbiException e) {
                throw SqlFailures.translate(shard, shard.primary(), e);
            }
        }
        writes.markWritten(shard.id());
        return shard.guard()
                .call(
                        transactional ? Meters.TRANSACTION : Meters.WRITE,
                        () -> primaryUnguarded(shard, callback, transactional));
    }

    /** Read-only work on a replica (or the primary); inside a transaction it joins, as all work does. */
    <R, X extends Exception> R onReplica(Shard shard, HandleCallback<R, X> callback) throws X {
        if (transactions.openShard() != null) {
            return onPrimary(shard, callback, false);
        }
        return read(shard, PoolWork.onHandle(callback));
    }

    /** Work on a bare connection to the primary. */
    <R, X extends Exception> R withConnection(Shard shard, ConnectionCallback<R, X> callback) throws X {
        Handle joined = transactions.joinable(shard);
        if (joined != null) {
            return onJoined(joined, shard, callback);
        }
        writes.markWritten(shard.id());
        return shard.guard()
                .call(Meters.WRITE, () -> PoolWork.onConnection(callback).runOn(shard, shard.primary()));
    }

    /** Read-only work on a bare connection to a replica (or the primary). */
    <R, X extends Exception> R withReadOnlyConnection(Shard shard, ConnectionCallback<R, X> callback) throws X {
        Handle joined = transactions.joinable(shard);
        if (joined != null) {
            return onJoined(joined, shard, callback);
        }
        return read(shard, PoolWork.onConnection(callback));
    }

    /** Returns the shard this thread's open transaction is pinned to, or null. */
    @Nullable
    ShardId openTransactionShard() {
        return transactions.openShard();
    }

    /** Marks the shard written in the thread's read-your-writes scope (work that writes by other ways). */
    void markWritten(Shard shard) {
        writes.markWritten(shard.id());
    }

    /** Returns the callback after checking it is not null, for API entry points. */
    static <R, X extends Exception> HandleCallback<R, X> requireWork(HandleCallback<R, X> callback) {
        return java.util.Objects.requireNonNull(callback, "callback");
    }

    /** Turns a consumer into a callback that returns nothing, for the {@code useX} methods. */
    static <X extends Exception> HandleCallback<@Nullable Void, X> asCallback(HandleConsumer<X> consumer) {
        java.util.Objects.requireNonNull(consumer, "consumer");
        return handle -> {
            consumer.useHandle(handle);
            return null;
        };
    }

    private static <R, X extends Exception> R onJoined(Handle joined, Shard shard, ConnectionCallback<R, X> callback)
            throws X {
        try {
            return callback.withConnection(joined.getConnection());
        } catch (SQLException e) {
            throw SqlFailures.translate(shard, shard.primary(), e);
        }
    }

    /** Work on the primary without the guard (the caller holds it); a transaction pins itself to the thread. */
    <R, X extends Exception> R primaryUnguarded(Shard shard, HandleCallback<R, X> callback, boolean transactional)
            throws X {
        try {
            if (!transactional) {
                return shard.primary().jdbi().withHandle(callback);
            }
            return shard.primary().jdbi().inTransaction(handle -> transactions.run(shard, handle, callback));
        } catch (JdbiException e) {
            throw SqlFailures.translate(shard, shard.primary(), e);
        }
    }

    /**
     * Read-only work outside a transaction, under the shard's guard: on a replica, or on the primary
     * when the shard has none or this thread wrote to it in its read-your-writes scope.
     */
    private <R, X extends Exception> R read(Shard shard, PoolWork<R, X> work) throws X {
        return shard.guard()
                .call(
                        Meters.READ,
                        () -> shard.replicas().isEmpty() || writes.wasWritten(shard.id())
                                ? work.runOn(shard, shard.primary())
                                : replicaOrPrimaryUnguarded(shard, work));
    }

    /** Runs on a healthy replica, else on the primary; no guard (the caller holds one). */
    <R, X extends Exception> R replicaOrPrimaryUnguarded(Shard shard, PoolWork<R, X> work) throws X {
        ReplicaSet replicas = shard.replicas();
        int size = replicas.size();
        if (size == 0) {
            return work.runOn(shard, shard.primary());
        }
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
            } catch (PoolWork.PoolLost lost) {
                // No connection, or the replica went away under a pooled one: read-only work is safe
                // to run again elsewhere, so try the next replica, then the primary.
                replicas.markFailed(r);
                LOG.warn(
                        "{}: replica {} skipped for {}: {}",
                        shard,
                        pool.poolName(),
                        replicaRetryAfter,
                        lost.failure.getMessage());
            }
        }
        return work.runOn(shard, shard.primary());
    }
}
