package org.shardkit.core.batch;

import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * Rows of a {@link BatchWriter} were not written: the futures of those rows fail with it. It names
 * the writer, the shard, how many rows of the batch failed with it and why ({@link #reason()}); the
 * cause is the last failure of the shard (a {@link org.shardkit.core.ShardUnavailableException}, a
 * {@link org.shardkit.core.ShardQueryException} with its SQLState, or the sink's own exception).
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchWriteException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    /** Why rows were not written. */
    public enum Reason {
        /** The shard kept failing in a way that may pass (unreachable, lock or resource trouble) for every attempt. */
        RETRIES_EXHAUSTED,
        /** The database refused the row itself (a constraint, a bad value): isolated from its batch, it failed alone. */
        ROW_REJECTED,
        /** The writer closed before the rows could be written (its close timeout passed). */
        CLOSED
    }

    private final ShardId shard;
    private final String writer;
    private final int rows;
    private final int attempts;
    private final Reason reason;

    BatchWriteException(
            String writer,
            ShardId shard,
            String shardName,
            int rows,
            int attempts,
            Reason reason,
            String detail,
            @Nullable Throwable cause) {
        super(shard, message(writer, shard, shardName, rows, attempts, reason, detail, cause), cause);
        this.shard = shard;
        this.writer = writer;
        this.rows = rows;
        this.attempts = attempts;
        this.reason = reason;
    }

    private static String message(
            String writer,
            ShardId shard,
            String shardName,
            int rows,
            int attempts,
            Reason reason,
            String detail,
            @Nullable Throwable cause) {
        String what = rows == 1 ? "1 row" : rows + " rows";
        String head = shard + " (" + shardName + "): " + what + " of batch writer '" + writer + "' not written ";
        String why = switch (reason) {
            case RETRIES_EXHAUSTED -> "after " + attempts + " attempts" + detail;
            case ROW_REJECTED -> "(the database refused the row, isolated from its batch" + detail + ")";
            case CLOSED -> "(the writer closed" + detail + ")";
        };
        return head + why + (cause == null ? "" : ": " + cause.getMessage());
    }

    /**
     * Tells whether a write that failed with {@code failure} may succeed if tried again later: a
     * {@code BatchWriteException} unless the database refused the row itself, a shard unreachable or
     * its breaker open, a concurrency limit, or a statement that failed for a reason other than its
     * rows (connection, serialization, resources, cancellation). {@link
     * java.util.concurrent.CompletionException} wrappers are looked through.
     */
    public static boolean mayPass(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BatchWriteException b) {
            return b.reason != Reason.ROW_REJECTED;
        }
        return Transience.mayPass(t);
    }

    /** Returns the shard the rows were for. */
    @Override
    public ShardId shardId() {
        return shard;
    }

    /** Returns the writer's name. */
    public String writer() {
        return writer;
    }

    /** Returns how many rows failed together with this one (the batch, or 1 for a refused row). */
    public int rows() {
        return rows;
    }

    /** Returns the attempts made at the batch. */
    public int attempts() {
        return attempts;
    }

    /** Returns why the rows were not written. */
    public Reason reason() {
        return reason;
    }
}
