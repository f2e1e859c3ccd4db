package org.shardkit.core;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.shardkit.core.scatter.ShardTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's part of a scatter: how far it got (what a {@link ShardTimeoutException} says), its result
 * or failure, and the statement customizer that enforces the scatter's deadline on each statement.
 * Written by the worker thread, read by the scatter's caller after the worker hands it over.
 */
final class ScatterTask<R> implements StatementCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(ScatterTask.class);

    final Shard shard;
    /** The scatter's deadline on the ticker's scale. */
    final long deadline;

    private final LongSupplier ticker;
    private volatile String stage = ShardTimeoutException.QUEUED;
    private volatile @Nullable Handle handle;
    private volatile boolean cancelled;
    volatile @Nullable Throwable failure;
    // Written by the worker before it offers the task to the queue, read by the caller after.
    @SuppressWarnings("NullAway.Init")
    volatile R result;

    /** Set by the caller once it took the task's outcome (or gave up on it). */
    boolean finished;

    ScatterTask(Shard shard, long deadline, LongSupplier ticker) {
        this.shard = shard;
        this.deadline = deadline;
        this.ticker = ticker;
    }

    /** Tells whether the part should not start: cancelled, or its deadline passed while it queued. */
    boolean expired() {
        return cancelled || ticker.getAsLong() - deadline >= 0;
    }

    /** The part is inside its shard's guard, waiting for a connection. */
    void connecting() {
        stage = ShardTimeoutException.CONNECTING;
    }

    /** The part holds a connection; statements from now on can be cancelled. */
    void running(Handle h) {
        handle = h;
        stage = ShardTimeoutException.CANCELLED;
    }

    /** The part gave its connection back. */
    void released() {
        handle = null;
    }

    /** Returns what a timeout would say happened to the part now. */
    String stage() {
        return stage;
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
        long left = deadline - ticker.getAsLong();
        if (cancelled || left <= 0) {
            throw new SQLException(
                    "scatter deadline passed before the statement ran on " + shard, "57014"); // query_canceled
        }
        // A server-side backstop: the statement ends itself even if the cancel request is lost.
        statement.setQueryTimeout(
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L))));
    }

    /** Stops the part: it will not start, and a statement it runs now is cancelled on the server. */
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
