package org.shardkit.core.batch;

import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardQueryException;
import org.shardkit.core.ShardUnavailableException;

/**
 * Decides whether a failed batch is tried again as it is (the failure may pass) or split to isolate
 * the rows the database refuses (it will not).
 */
final class Transience {
    private Transience() {}

    /**
     * Tells whether a batch's failure may pass: the shard unreachable or its breaker open, a
     * concurrency limit, or a statement failing for a reason other than its rows: SQLState class 08
     * (connection), 40 (serialization failure, deadlock), 53 (insufficient resources), 57 (operator
     * intervention: cancelled, shutting down), 58 (system error), or 55P03 (lock not available).
     */
    static boolean mayPass(Throwable failure) {
        if (failure instanceof ShardUnavailableException || failure instanceof LimitExceededException) {
            return true;
        }
        if (failure instanceof ShardQueryException q) {
            String state = q.sqlState();
            if (state == null) {
                return false;
            }
            return state.startsWith("08")
                    || state.startsWith("40")
                    || state.startsWith("53")
                    || state.startsWith("57")
                    || state.startsWith("58")
                    || state.equals("55P03");
        }
        return false;
    }
}
