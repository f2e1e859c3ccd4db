package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.internal.EmbeddedPostgresServer;

/**
 * The servers of a load run: {@code N} embedded PostgreSQL shards ({@code DATA/shard-i}) and one
 * {@code single} server ({@code DATA/single}) holding all the data, started in parallel over data
 * directories that outlive the run, so {@code --reuse} finds a seeded graph.
 *
 * <p>Settings, the same on every server but {@code shared_buffers}:
 * <ul>
 *   <li>{@code shared_buffers}: {@value #SHARD_BUFFERS_MB} MB per shard, and the shards' sum for
 *       {@code single}, so sharded and unsharded have the same memory for caching pages;
 *   <li>{@code max_connections=300}: each system's pools plus the seeder's parallel {@code COPY}s;
 *   <li>{@code max_prepared_transactions=64}: shardkit's cross-shard writes may use two-phase commit;
 *   <li>{@code fsync} and {@code synchronous_commit} on (PostgreSQL's defaults; io.zonky's builder
 *       turns {@code synchronous_commit} off unless told): a commit costs what it costs in
 *       production, which is the point of comparing one commit per write to batching;
 *   <li>{@code max_wal_size=4GB}, {@code checkpoint_timeout=15min}: no checkpoint storm inside a
 *       seeding or a measured window;
 *   <li>{@code wal_level=minimal}, {@code max_wal_senders=0}: nothing replicates here, and a
 *       {@code COPY} into a table created in its transaction may skip the WAL;
 *   <li>{@code work_mem=16MB}: the compatible-agents search sorts candidates in memory;
 *   <li>{@code jit=off}: short queries; JIT compilation would add milliseconds to plans of large
 *       scans and says nothing about the systems.
 * </ul>
 *
 * <p>Thread-safe after start.
 */
final class LoadServers implements AutoCloseable {
    /** shared_buffers per shard, in MB. */
    static final int SHARD_BUFFERS_MB = 256;
    /** The single server's directory under the data root. */
    static final String SINGLE_DIRECTORY = "single";

    private final List<EmbeddedPostgresServer> shards;
    private final EmbeddedPostgresServer single;
    private final Map<String, String> settings;

    private LoadServers(
            List<EmbeddedPostgresServer> shards, EmbeddedPostgresServer single, Map<String, String> settings) {
        this.shards = shards;
        this.single = single;
        this.settings = settings;
    }

    /** Returns the settings every server shares, and shared_buffers of both kinds, for the report. */
    static Map<String, String> settings(int shardCount) {
        Map<String, String> s = new LinkedHashMap<>(common());
        s.put("shared_buffers (each shard)", SHARD_BUFFERS_MB + "MB");
        s.put("shared_buffers (single)", SHARD_BUFFERS_MB * shardCount + "MB");
        return s;
    }

    /**
     * Starts the servers, in parallel.
     *
     * @param dataRoot where the data directories are
     * @param shardCount the number of shards
     * @return the running servers
     * @throws IOException if one cannot start (those started are stopped)
     */
    static LoadServers start(Path dataRoot, int shardCount) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(shardCount + 1);
        List<Future<EmbeddedPostgresServer>> starting = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            int index = i;
            starting.add(pool.submit(() ->
                    start(index, "shard " + index, shardDirectory(dataRoot, index), withBuffers(SHARD_BUFFERS_MB))));
        }
        starting.add(pool.submit(() -> start(
                shardCount,
                "single server",
                dataRoot.resolve(SINGLE_DIRECTORY),
                withBuffers(SHARD_BUFFERS_MB * shardCount))));
        pool.shutdown();
        List<EmbeddedPostgresServer> started = new ArrayList<>();
        IOException failure = null;
        for (Future<EmbeddedPostgresServer> f : starting) {
            try {
                started.add(f.get());
            } catch (ExecutionException e) {
                IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause());
                if (failure == null) {
                    failure = io;
                } else {
                    failure.addSuppressed(io);
                }
            }
        }
        if (failure != null) {
            started.forEach(EmbeddedPostgresServer::stop);
            throw failure;
        }
        LoadServers servers = new LoadServers(
                List.copyOf(started.subList(0, shardCount)), started.get(shardCount), settings(shardCount));
        // A harness stopped by a signal still stops its servers (stop() is idempotent); the data stays.
        Runtime.getRuntime().addShutdownHook(new Thread(servers::stopAll, "load-servers-stop"));
        return servers;
    }

    /** Starts one server over its kept data directory, its failure naming it. */
    private static EmbeddedPostgresServer start(int index, String label, Path dir, Map<String, String> settings)
            throws IOException {
        try {
            return EmbeddedPostgresServer.overKeptDirectory(index, dir, settings);
        } catch (RuntimeException e) {
            throw new IOException(label + " could not start over " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Returns the data directory of a shard. */
    static Path shardDirectory(Path dataRoot, int index) {
        return dataRoot.resolve("shard-" + index);
    }

    /** Returns the shards, shard {@code i} at position {@code i}. */
    List<PostgresServer> shards() {
        return Collections.unmodifiableList(shards);
    }

    /** Returns the server that holds all the data unsharded. */
    PostgresServer single() {
        return single;
    }

    /** Returns the settings the servers run with, for the report. */
    Map<String, String> settings() {
        return settings;
    }

    /** Stops every server; their data directories stay. */
    @Override
    public void close() {
        stopAll();
    }

    private void stopAll() {
        RuntimeException failure = null;
        List<EmbeddedPostgresServer> all = new ArrayList<>(shards);
        all.add(single);
        for (EmbeddedPostgresServer s : all) {
            try {
                s.stop();
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

    private static Map<String, String> withBuffers(int megabytes) {
        Map<String, String> s = new LinkedHashMap<>(common());
        s.put("shared_buffers", megabytes + "MB");
        return s;
    }

    private static Map<String, String> common() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("max_connections", "300");
        s.put("max_prepared_transactions", "64");
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("max_wal_size", "4GB");
        s.put("checkpoint_timeout", "15min");
        s.put("wal_level", "minimal");
        s.put("max_wal_senders", "0");
        s.put("work_mem", "16MB");
        s.put("jit", "off");
        return s;
    }
}
