package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/**
 * A call was refused because a limit was reached: a shard's or the overall concurrency limit
 * (bulkhead), or a caller's rate limit. The message and {@link #limitName()} name the limit.
 *
 * <p>Immutable and thread-safe.
 */
public final class LimitExceededException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final String limitName;
    private final String limit;

    /**
     * Creates the exception.
     *
     * @param limitName the limit's name, e.g. {@code shard 2 concurrency} or {@code rate of caller agent-7}
     * @param limit the limit's value, e.g. {@code 10 concurrent calls} or {@code 10 per PT1M}
     * @param detail what happened
     */
    public LimitExceededException(String limitName, String limit, String detail) {
        this(null, limitName, limit, detail);
    }

    /**
     * Creates the exception for a limit of one shard, or of none.
     *
     * @param shardId the shard the refused call was for (its own limit, or the overall one it hit), or
     *     null when the call was for no shard (a caller's rate)
     * @param limitName the limit's name, e.g. {@code shard 2 (social_2) concurrency}
     * @param limit the limit's value, e.g. {@code 10 concurrent calls}
     * @param detail what happened
     */
    public LimitExceededException(@Nullable ShardId shardId, String limitName, String limit, String detail) {
        super(shardId, limitName + " limit reached (" + limit + "): " + detail, null);
        this.limitName = limitName;
        this.limit = limit;
    }

    /** Returns the limit's name. */
    public String limitName() {
        return limitName;
    }

    /** Returns the limit's value as text, e.g. {@code 10 per PT1M}. */
    public String limit() {
        return limit;
    }
}
