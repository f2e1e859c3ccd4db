package org.shardkit.core.batch;

import org.shardkit.core.ShardQueryException;

/**
 * Decides whether a failed batch is split to isolate the rows the database refuses (the failure is
 * about rows), or tried again as it is (anything else: it may pass, and giving up would drop rows).
 */
final class Transience {
    private Transience() {}

    /**
     * Tells whether a failure is about the batch's rows themselves: a statement that failed with
     * SQLState class 22 (data exception: a value out of range, bad input) or 23 (integrity
     * constraint violation: a check, a foreign key, a unique key other than the one that skips
     * replays), or the sink's own {@link IllegalArgumentException} for a value it cannot write (a text
     * holding NUL). Everything else (a shard unreachable, a read-only standby after a failover
     * (25006), a missing table (42P01), a deadlock, a closed database) is not the rows' fault: the
     * batch is tried again, whole.
     */
    static boolean aboutRows(Throwable failure) {
        if (failure instanceof IllegalArgumentException) {
            return true;
        }
        if (failure instanceof ShardQueryException q) {
            String state = q.sqlState();
            return state != null && (state.startsWith("22") || state.startsWith("23"));
        }
        return false;
    }

    /** Tells whether trying the same rows again later may succeed: whenever the failure is not about them. */
    static boolean mayPass(Throwable failure) {
        return !aboutRows(failure);
    }
}
