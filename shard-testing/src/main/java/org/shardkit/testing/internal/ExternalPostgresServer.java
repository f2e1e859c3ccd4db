package org.shardkit.testing.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.TestEnvironment;
import org.shardkit.testing.TestKitException;

/**
 * A shard that is a database on a PostgreSQL server the kit did not start. It cannot be stopped.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExternalPostgresServer implements PostgresServer {
    private final int index;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final DataSource dataSource;

    private ExternalPostgresServer(int index, String jdbcUrl, String user, String password) {
        this.index = index;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.host = uri.getHost() == null ? "localhost" : uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.dataSource = PgDataSources.of(jdbcUrl, user, password);
    }

    /**
     * Connects to an external shard once to prove it answers.
     *
     * @param index the shard's position
     * @param jdbcUrl its JDBC URL
     * @param user the user
     * @param password the password, empty for none
     * @return the shard
     * @throws TestKitException naming the shard, the URL and the cause if it does not answer
     */
    public static ExternalPostgresServer connect(int index, String jdbcUrl, String user, String password) {
        ExternalPostgresServer server;
        try {
            server = new ExternalPostgresServer(index, jdbcUrl, user, password);
        } catch (IllegalArgumentException e) {
            throw new TestKitException(
                    "external mode: shard " + index + " URL '" + jdbcUrl + "' is not a valid JDBC URL; check "
                            + TestEnvironment.PG_URLS + ", or " + TestEnvironment.howToChoose(),
                    e);
        }
        try (Connection c = server.dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new TestKitException(
                    "external mode: cannot connect to shard " + index + " at " + jdbcUrl + " as '" + user + "': "
                            + e.getMessage() + " (SQLState " + e.getSQLState() + "); check "
                            + TestEnvironment.PG_URLS + " and that the server runs, or "
                            + TestEnvironment.howToChoose(),
                    e);
        }
        return server;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public boolean isRestartable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException(
                "external mode: the kit does not stop servers it did not start (shard " + index + ")");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException(
                "external mode: the kit does not start servers it did not start (shard " + index + ")");
    }

    @Override
    public String toString() {
        return "external shard " + index + " (" + jdbcUrl + ")";
    }
}
