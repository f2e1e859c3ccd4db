package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a shard's bare JDBC {@link Connection} that returns nothing, for {@link
 * ShardedDatabase#useConnection}. The rules of {@link ConnectionCallback} apply.
 *
 * @param <X> a checked exception the work may throw besides {@link SQLException}
 */
@FunctionalInterface
public interface ConnectionConsumer<X extends Exception> {
    /**
     * Runs the work.
     *
     * @param connection the shard's connection, valid only during this call
     * @throws SQLException if a statement fails; shardkit turns it into {@link ShardQueryException}
     *     (or {@link ShardUnavailableException} when the connection was lost), naming the shard
     * @throws X what the work throws itself; it passes through unchanged
     */
    void useConnection(Connection connection) throws SQLException, X;
}
