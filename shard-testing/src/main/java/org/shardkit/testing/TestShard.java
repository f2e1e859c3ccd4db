package org.shardkit.testing;

import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.shardkit.testing.internal.PgDataSources;

/**
 * One shard as a test class sees it: a server, and a schema of the class's own on it. The JDBC URL
 * sets {@code currentSchema}, so unqualified tables land in that schema, which the extension drops
 * after the class.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestShard {
    private final PostgresServer server;
    private final String schema;
    private final String jdbcUrl;
    private final DataSource dataSource;

    TestShard(PostgresServer server, String schema) {
        this.server = server;
        this.schema = schema;
        String base = server.jdbcUrl();
        this.jdbcUrl = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        this.dataSource = PgDataSources.of(jdbcUrl, server.user(), server.password());
    }

    /** Returns the shard's position, from 0. */
    public int index() {
        return server.index();
    }

    /** Returns the JDBC URL, with {@code currentSchema} set to this class's schema. */
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

    /** Returns the name of this test class's schema on the shard. */
    public String schema() {
        return schema;
    }

    /** Returns a non-pooling data source for {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns the server behind the shard (shared with other test classes). */
    public PostgresServer server() {
        return server;
    }

    /**
     * Stops the shard's server; the extension starts it again after the test if the test does not.
     * In external and Docker mode the calling test is skipped (aborted) with the reason, never
     * silently passed.
     */
    public void stopServer() {
        assumeRestartable();
        server.stop();
    }

    /**
     * Starts the shard's server again, on the same port with the same data. Skips the test in modes
     * where servers cannot be restarted.
     */
    public void startServer() {
        assumeRestartable();
        server.start();
    }

    private void assumeRestartable() {
        Assumptions.assumeTrue(
                server.isRestartable(),
                () -> "stopping a shard's server needs embedded mode; " + server + " cannot be stopped by the kit");
    }

    @Override
    public String toString() {
        return "TestShard{index=" + index() + ", jdbcUrl=" + jdbcUrl + "}";
    }
}
