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
        /**
         * Every attempt failed in a way that is not the rows' fault (the shard unreachable, read-only,
         * missing the table, deadlocked): the rows may be written if tried again later.
         */
        RETRIES_EXHAUSTED,
        /**
         * The row itself was refused (SQLState class 22 or 23: a bad value, a constraint; or a value the
         * sink cannot encode): isolated from its batch, it failed alone. Trying it again will not help.
         */
        ROW_REJECTED,
        /** The writer closed before the rows could be written (its close timeout passed). */
        CLOSED,
        /** The writer failed in a way it does not expect (a bug, the JVM short of memory): the rows may pass later. */
        UNEXPECTED
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
            case ROW_REJECTED -> "(the row was refused, isolated from its batch" + detail + ")";
            case CLOSED -> "(the writer closed" + detail + ")";
            case UNEXPECTED -> "(an unexpected failure of the writer" + detail + ")";
        };
        return head + why + (cause == null ? "" : ": " + cause.getMessage());
    }

    /**
     * Tells whether a write that failed with {@code failure} may succeed if tried again later: a
     * {@code BatchWriteException} unless its row was refused for itself ({@link Reason#ROW_REJECTED});
     * a shard unreachable or its breaker open; a concurrency limit; a statement that failed for a
     * reason other than its rows (any SQLState outside classes 22 and 23); an {@link
     * IllegalStateException} (something closed or not ready). A sink's own rule refusal (a domain
     * exception) and a bad value do not pass. {@link java.util.concurrent.CompletionException}
     * wrappers are looked through.
     */
    public static boolean mayPass(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BatchWriteException b) {
            return b.reason != Reason.ROW_REJECTED;
        }
        return t instanceof org.shardkit.core.ShardUnavailableException
                || t instanceof org.shardkit.core.LimitExceededException
                || t instanceof IllegalStateException
                || (t instanceof org.shardkit.core.ShardQueryException && Transience.mayPass(t));
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
