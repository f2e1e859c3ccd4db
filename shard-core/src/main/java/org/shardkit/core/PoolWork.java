package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * Caller work bound to its way into a pool: a Jdbi handle or a bare JDBC connection. {@code run}
 * throws {@link PoolLost} when the pool gives no connection or loses it mid-way, {@link
 * ShardQueryException} when a statement fails, and what the caller's work throws itself.
 */
@FunctionalInterface
interface PoolWork<R, X extends Exception> {
    R run(Shard shard, ShardPool pool) throws X;

    /** Runs the work on one pool; the pool's loss reaches the caller as {@link ShardUnavailableException}. */
    default R runOn(Shard shard, ShardPool pool) throws X {
        try {
            return run(shard, pool);
        } catch (PoolLost lost) {
            throw lost.failure;
        }
    }

    /** Work on a Jdbi handle opened from the pool and closed after it. */
    static <R, X extends Exception> PoolWork<R, X> onHandle(HandleCallback<R, X> callback) {
        return (shard, pool) -> {
            Handle handle;
            try {
                handle = pool.jdbi().open();
            } catch (ConnectionException e) {
                throw new PoolLost(SqlFailures.unavailable(shard, pool, e));
            }
            try (Handle h = handle) {
                return callback.withHandle(h);
            } catch (JdbiException e) {
                throw lostOrQuery(shard, pool, e);
            }
        };
    }

    /** Work on a bare connection taken from the pool and returned after it. */
    static <R, X extends Exception> PoolWork<R, X> onConnection(ConnectionCallback<R, X> callback) {
        return (shard, pool) -> {
            Connection connection;
            try {
                connection = pool.dataSource().getConnection();
            } catch (SQLException e) {
                throw new PoolLost(SqlFailures.unavailable(shard, pool, e));
            }
            try (Connection c = connection) {
                return callback.withConnection(c);
            } catch (SQLException e) {
                throw lostOrQuery(shard, pool, e);
            }
        };
    }

    private static RuntimeException lostOrQuery(Shard shard, ShardPool pool, Exception e) {
        ShardkitException failure = SqlFailures.translate(shard, pool, e);
        return failure instanceof ShardUnavailableException u ? new PoolLost(u) : failure;
    }

    /**
     * A pool gave no connection or lost it: the replica loop moves on, {@link #runOn} throws the
     * carried exception. Never reaches callers (every path into a pool goes through one of the two).
     */
    final class PoolLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ShardUnavailableException failure;

        PoolLost(ShardUnavailableException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
