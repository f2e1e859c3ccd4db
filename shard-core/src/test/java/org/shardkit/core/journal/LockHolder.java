package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link JournalLockTest}: opens the journal in the directory given as its
 * argument, prints {@code locked}, and holds it until its standard input closes.
 */
final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        try (Journal journal =
                Journal.open(JournalSettings.builder(Path.of(args[0])).build())) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input
            }
        }
    }
}
