package org.shardkit.examples.demo;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.shardkit.core.ShardedDatabase;

final class GraphSeeding {
    private GraphSeeding() {}

    static Population seed(
            ShardedDatabase db, DemoOptions options, ProgressLine line, LongSupplier nanoTicker, PrintStream out) {
        throw new UnsupportedOperationException("the graph generator and bulk seeder (branch data) are not merged yet");
    }
}
