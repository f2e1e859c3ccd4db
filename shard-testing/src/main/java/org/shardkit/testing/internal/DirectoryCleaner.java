package org.shardkit.testing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes directory trees. Thread-safe. */
final class DirectoryCleaner {
    private DirectoryCleaner() {}

    /** Deletes a directory and everything below it; a missing directory is fine. Never throws. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Nothing sensible to do at exit; a leftover temp directory is reported by the OS tools.
        }
    }
}
