package org.shardkit.testing;

import javax.sql.DataSource;

/**
 * One PostgreSQL shard of a {@link ShardCluster}: in embedded and Docker mode its own server
 * process, in external mode a database on a server that already runs.
 *
 * <p>Implementations are thread-safe.
 */
public interface PostgresServer {

    /** Returns the shard's position in the cluster, from 0. */
    int index();

    /** Returns the host the server listens on. */
    String host();

    /** Returns the port the server listens on. */
    int port();

    /** Returns the JDBC URL of the shard's database, without credentials. */
    String jdbcUrl();

    /** Returns the user to connect as. */
    String user();

    /** Returns the password to connect with (empty when the server trusts local connections). */
    String password();

    /**
     * Returns a non-pooling data source for the shard's database, for fixtures and assertions.
     *
     * @return a data source that opens a new connection on each call
     */
    DataSource dataSource();

    /**
     * Tells whether {@link #stop()} and {@link #start()} work here: true for embedded servers, false
     * for external servers (the kit must not stop a server it did not start) and Docker containers.
     */
    boolean isRestartable();

    /** Tells whether the server is running (not stopped through {@link #stop()}). */
    boolean isRunning();

    /**
     * Stops the server process; its data is kept for {@link #start()}.
     *
     * @throws UnsupportedOperationException if {@link #isRestartable()} is false
     */
    void stop();

    /**
     * Starts a stopped server again on the same port with the same data; does nothing if it runs.
     *
     * @throws UnsupportedOperationException if {@link #isRestartable()} is false
     * @throws TestKitException if the server cannot start
     */
    void start();
}
