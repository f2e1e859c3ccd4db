package org.shardkit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.shardkit.testing.internal.EmbeddedPostgresServer;
import org.shardkit.testing.internal.PgDataSources;

/**
 * A streaming-replication standby of one test shard: a PostgreSQL server of its own, started from a
 * copy of the shard's data directory, that replays the shard's WAL as a production read replica
 * does. It holds the test class's schema and every row written on the shard (a moment behind, see
 * {@link #awaitReplay}) and refuses writes. Tests point a shard's replicas at standbys to see what
 * reads do when one stops.
 *
 * <pre>{@code
 * try (ShardStandby standby = ShardStandby.start(servers.shard(0), "replica_a")) {
 *     EndpointConfig endpoint = EndpointConfig.of(standby.jdbcUrl(), standby.user(), Secret.of(standby.password()));
 *     // ... a shard config with .replica(new ReplicaConfig(endpoint, 1)), rows written on the shard ...
 *     standby.awaitReplay(Duration.ofSeconds(10)); // it has replayed everything written so far
 *     standby.stopServer(); // same port and data on startServer()
 * }
 * }</pre>
 *
 * <p>Only embedded servers can have standbys (the kit copies the shard's whole data directory,
 * with the shard's server stopped meanwhile, see {@link #start}); in external and Docker mode {@link #start} skips the test with
 * the reason. {@link #close()} stops the standby and deletes its data. Thread-safe.
 */
public final class ShardStandby implements AutoCloseable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final TestShard primary;
    private final EmbeddedPostgresServer server;
    private final String jdbcUrl;
    private final DataSource dataSource;

    private ShardStandby(TestShard primary, EmbeddedPostgresServer server) {
        this.primary = primary;
        this.server = server;
        this.jdbcUrl = server.jdbcUrl() + "?currentSchema=" + primary.schema();
        this.dataSource = PgDataSources.of(jdbcUrl, server.user(), server.password());
    }

    /**
     * Starts a standby of a shard; the shard's server is stopped while its whole data directory is
     * copied (every schema of every test class on it, so the longer the JVM has used the shard, the
     * longer: a second or two for a small one) and runs again when this returns. The standby and its
     * copy are removed by {@link #close()}, or at JVM exit if the test did not close it.
     *
     * @param primary the shard to replicate
     * @param name the standby's name, its {@code application_name} in the shard's {@code
     *     pg_stat_replication}: 1 to 63 lower-case letters, digits or {@code _}
     * @return the running standby
     * @throws IllegalArgumentException if the name is not 1 to 63 of {@code [a-z0-9_]}
     * @throws TestKitException if the standby cannot start
     */
    public static ShardStandby start(TestShard primary, String name) {
        Objects.requireNonNull(primary, "primary");
        EmbeddedPostgresServer.requireStandbyName(name);
        PostgresServer server = primary.server();
        Assumptions.assumeTrue(
                server instanceof EmbeddedPostgresServer,
                () -> "a streaming standby needs embedded mode (the kit copies the shard's data directory); " + server
                        + " is not the kit's own");
        return new ShardStandby(primary, ((EmbeddedPostgresServer) server).launchStandby(name));
    }

    /** Returns the standby's JDBC URL, with {@code currentSchema} set to the test class's schema. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Returns the user to connect as. */
    public String user() {
        return server.user();
    }

    /** Returns the password (empty when none is needed). */
    public String password() {
        return server.password();
    }

    /** Returns a non-pooling data source for {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns the standby's server ({@code port()}, {@code isRunning()}). */
    public PostgresServer server() {
        return server;
    }

    /**
     * Stops the standby's server; its data stays for {@link #startServer()}. Nothing on the shard
     * keeps WAL for a stopped standby (no replication slot, no {@code wal_keep_size}): stopped while
     * the shard writes more than its checkpoints keep, it cannot catch up when started again.
     */
    public void stopServer() {
        server.stop();
    }

    /** Starts the standby's server again, on the same port with the same data; it resumes streaming. */
    public void startServer() {
        server.start();
    }

    /**
     * Waits until the standby has replayed everything the shard had written when this was called.
     *
     * @param timeout the longest wait, zero or more
     * @throws IllegalArgumentException if the timeout is negative
     * @throws TestKitException if it has not within the timeout, or either server cannot be asked
     */
    public void awaitReplay(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            String target; // the insert position: with synchronous_commit off a commit may not be written yet
            try (Connection c = primary.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                target = rs.getString(1);
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
                ps.setString(1, target);
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return;
                        }
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new TestKitException(
                                this + " has not replayed the shard's WAL up to " + target + " within " + timeout);
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
        } catch (SQLException e) {
            throw new TestKitException(this + ": cannot compare replay positions: " + e.getMessage(), e);
        }
    }

    /** Stops the standby and deletes its data directory. Idempotent; never throws. */
    @Override
    public void close() {
        server.destroy();
    }

    @Override
    public String toString() {
        return "standby of shard " + primary.index() + " (port " + server.port() + ")";
    }
}
