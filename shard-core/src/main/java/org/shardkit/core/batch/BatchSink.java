package org.shardkit.core.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.shardkit.core.ShardId;

/**
 * Writes one shard's batch of rows inside a transaction the {@link BatchWriter} opened: the writer
 * commits when this returns and rolls back when it throws, then tries again (a failure that may pass,
 * such as a lost connection) or splits the batch to isolate the rows the database refuses. A sink
 * must therefore be idempotent: rows written by an attempt whose commit was lost are written again,
 * and must not count twice ({@link BatchTable#load} tells which rows a statement really inserted).
 *
 * <p>A sink may refuse single rows by a rule of its own (e.g. "the pair is blocked") through {@code
 * refusals}; their futures fail with the reason given and the rest of the batch commits. Refusals of
 * an attempt that throws are forgotten.
 *
 * <p>Implementations must be thread-safe: the writer calls one sink from a thread per shard.
 *
 * @param <R> the row type
 */
@FunctionalInterface
public interface BatchSink<R> {
    /**
     * Writes rows of one shard in the open transaction of {@code connection}.
     *
     * @param connection a connection to the shard's primary, auto-commit off; do not commit or close it
     * @param shard the shard the rows route to
     * @param rows the rows, in the order they were written to the writer, never empty
     * @param refusals where to refuse a row by its index in {@code rows}
     * @throws SQLException a failed statement: the writer rolls back and retries or splits the batch
     */
    void write(Connection connection, ShardId shard, List<R> rows, Refusals refusals) throws SQLException;
}
