package org.shardkit.core;

import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns failures from HikariCP, Jdbi and pgjdbc into shardkit's: the one place that decides
 * whether a failure means the shard is unreachable ({@link ShardUnavailableException}, which the
 * breaker counts) or the statement failed ({@link ShardQueryException}, which it does not).
 */
final class SqlFailures {
    private SqlFailures() {}

    /**
     * Classifies a failure of work on a pool: no connection or a lost one is {@link
     * ShardUnavailableException} (and a lost one evicts the pool's other connections), anything else
     * {@link ShardQueryException}.
     */
    static ShardkitException translate(Shard shard, ShardPool pool, Exception e) {
        if (e instanceof ConnectionException || connectionNotAvailable(e) != null) {
            return unavailable(shard, pool, e);
        }
        String state = ShardQueryException.sqlStateOf(e);
        if (state != null && isConnectionLoss(state)) {
            // A pooled connection the server dropped (shutdown, crash, network): the shard is down,
            // not the statement wrong. Its other pooled connections died with it; evict them all so
            // the outage costs one failed call, not one per pooled connection after a restart.
            pool.evictConnections();
            return new ShardUnavailableException(
                    shard.id(),
                    shard.name(),
                    "connection lost [SQLState " + state + "]: " + rootMessage(e),
                    pool.state(),
                    e);
        }
        return new ShardQueryException(shard.id(), shard.name(), e);
    }

    /** Tells whether a SQLState means the connection is gone: class 08, or 57P01/57P02/57P03. */
    static boolean isConnectionLoss(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.equals("57P01") // admin shutdown
                || sqlState.equals("57P02") // crash shutdown
                || sqlState.equals("57P03"); // cannot connect now
    }

    /** A pool gave no connection: HikariCP's timeout (with the pool's wait) or a refused connect. */
    static ShardUnavailableException unavailable(Shard shard, ShardPool pool, Throwable e) {
        SQLTransientConnectionException notAvailable = connectionNotAvailable(e);
        String reason;
        if (notAvailable != null) {
            long timeout = pool.dataSource().getConnectionTimeout();
            Throwable root = notAvailable.getCause();
            reason = "connection not available after " + timeout + " ms"
                    + (root == null ? "" : ": " + rootMessage(root));
        } else {
            reason = "cannot connect: " + rootMessage(e);
        }
        return new ShardUnavailableException(shard.id(), shard.name(), reason, pool.state(), e);
    }

    /** HikariCP's "connection is not available" in the cause chain, or null. */
    private static @Nullable SQLTransientConnectionException connectionNotAvailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException t) {
                return t;
            }
        }
        return null;
    }

    /** Returns the message of the innermost cause, or its class name when it has none. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
