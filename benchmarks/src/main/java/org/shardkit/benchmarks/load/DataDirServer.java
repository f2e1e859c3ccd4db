package org.shardkit.benchmarks.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.shardkit.testing.PostgresServer;

/**
 * An embedded PostgreSQL server (io.zonky's {@link EmbeddedPostgres}) whose data directory is a
 * directory of the load harness's, kept after {@link #close()}: the next run finds its tables
 * there (the directory is initialised only when empty). On a free port chosen at start.
 *
 * <p>Not restartable through {@link PostgresServer#stop()}: the harness starts each server once
 * and closes it at the end. Thread-safe.
 */
final class DataDirServer implements PostgresServer, AutoCloseable {
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);

    private final int index;
    private final String label;
    private final EmbeddedPostgres postgres;

    private DataDirServer(int index, String label, EmbeddedPostgres postgres) {
        this.index = index;
        this.label = label;
        this.postgres = postgres;
    }

    /**
     * Starts a server over a data directory, creating it if missing.
     *
     * @param index the shard's position (or the shard count, for the single server)
     * @param label the server's name in messages, e.g. {@code shard 2}
     * @param dataDirectory the data directory: its data is kept
     * @param settings server settings ({@code -c key=value})
     * @throws IOException if the directory cannot be made or the server cannot start
     */
    static DataDirServer start(int index, String label, Path dataDirectory, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT);
        settings.forEach(builder::setServerConfig);
        try {
            return new DataDirServer(index, label, builder.start());
        } catch (IOException | RuntimeException e) {
            throw new IOException(label + " could not start over " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
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
        throw new UnsupportedOperationException(label + " is stopped only by closing the load harness's servers");
    }

    @Override
    public void start() {
        // already running: started once by start(...)
    }

    /** Stops the server; its data directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    @Override
    public String toString() {
        return label + " (port " + port() + ")";
    }
}
