package org.shardkit.core;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A statement failed on a shard. Wraps Jdbi's exception, names the shard and keeps the SQLState;
 * bind values are not in the message.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardQueryException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId shardId;
    private final @Nullable String sqlState;

    /**
     * Creates the exception.
     *
     * @param shardId the shard the statement ran on
     * @param shardName the shard's name
     * @param cause the failure
     */
    public ShardQueryException(ShardId shardId, String shardName, Throwable cause) {
        super(shardId, message(shardId, shardName, cause), cause);
        this.shardId = shardId;
        this.sqlState = sqlStateOf(cause);
    }

    private static String message(ShardId shardId, String shardName, Throwable cause) {
        String state = sqlStateOf(cause);
        SQLException sql = sqlExceptionOf(cause);
        String detail = sql != null ? sql.getMessage() : cause.getMessage();
        return "statement failed on " + shardId + " (" + shardName + ")"
                + (state == null ? "" : " [SQLState " + state + "]") + ": " + firstLine(detail);
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static @Nullable SQLException sqlExceptionOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                return (SQLException) c;
            }
        }
        return null;
    }

    static @Nullable String sqlStateOf(Throwable t) {
        SQLException sql = sqlExceptionOf(t);
        return sql == null ? null : sql.getSQLState();
    }

    /** Returns the shard the statement ran on. */
    @Override
    public ShardId shardId() {
        return shardId;
    }

    /** Returns the SQLState of the underlying {@link SQLException}, or null if there was none. */
    public @Nullable String sqlState() {
        return sqlState;
    }
}
