package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a shard's bare JDBC {@link Connection}, for {@link ShardedDatabase#withConnection} and
 * {@link ShardedDatabase#withReadOnlyConnection}: the path for code that wants pgjdbc without Jdbi's
 * per-statement work (hot primary-key reads, {@code COPY} through {@code PGConnection}).
 *
 * <pre>{@code
 * String name = db.withConnection(ShardKey.of(id), c -> {
 *     try (PreparedStatement ps = c.prepareStatement("SELECT name FROM agent WHERE id = ?")) {
 *         ps.setLong(1, id);
 *         try (ResultSet rs = ps.executeQuery()) {
 *             return rs.next() ? rs.getString(1) : null;
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>The connection belongs to shardkit: do not close it, and inside a transaction opened by
 * {@link ShardedDatabase#inTransaction} do not commit, roll back or change its auto-commit mode (the
 * transaction does that). Statements and result sets left open are closed when the connection goes
 * back to its pool; a transaction the work began and left open is rolled back there.
 *
 * @param <R> the result type
 * @param <X> a checked exception the work may throw besides {@link SQLException}
 */
@FunctionalInterface
public interface ConnectionCallback<R, X extends Exception> {
    /**
     * Runs the work.
     *
     * @param connection the shard's connection, valid only during this call
     * @return the result
     * @throws SQLException if a statement fails; shardkit turns it into {@link ShardQueryException}
     *     (or {@link ShardUnavailableException} when the connection was lost), naming the shard
     * @throws X what the work throws itself; it passes through unchanged
     */
    R withConnection(Connection connection) throws SQLException, X;
}
