package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The file that says what the data directories under {@code --data} hold: the graph's spec and the
 * shard count, written only once a seeding has completed (and deleted before one starts, so an
 * interrupted seeding is never reused). {@code --reuse} compares it with the run's spec.
 *
 * <p>Also clears the server directories before a seeding: only {@code shard-*} and {@code single}
 * under the data root, never the root itself, which the user chose. Thread-safe (no state).
 */
final class SeedMarker {
    /** The marker's file name under the data root. */
    static final String FILE = "seeded-graph.txt";

    private final Path dataRoot;

    SeedMarker(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** Returns what the marker says, or null if there is none. */
    @Nullable
    String read() throws IOException {
        Path file = dataRoot.resolve(FILE);
        return Files.exists(file)
                ? Files.readString(file, StandardCharsets.UTF_8).trim()
                : null;
    }

    /** Records that the directories hold the described graph. */
    void write(String description) throws IOException {
        Files.createDirectories(dataRoot);
        Files.writeString(dataRoot.resolve(FILE), description + "\n", StandardCharsets.UTF_8);
    }

    /** Deletes the marker and the servers' directories ({@code shard-*}, {@code single}). */
    void clear() throws IOException {
        Files.deleteIfExists(dataRoot.resolve(FILE));
        if (!Files.isDirectory(dataRoot)) {
            return;
        }
        try (Stream<Path> children = Files.list(dataRoot)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child)
                        && (name.startsWith("shard-") || name.equals(LoadServers.SINGLE_DIRECTORY))) {
                    deleteTree(child);
                }
            }
        }
    }

    /** Returns the marker's text for a graph and shard count. */
    static String describe(String graphSpec, int shards) {
        return "graph " + graphSpec + "; shards " + shards + "; seeder 1";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
