package org.shardkit.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.examples.data.BulkSeeder;
import org.shardkit.examples.data.GraphSpec;
import org.shardkit.examples.data.SeedReport;
import org.shardkit.examples.data.SeedTarget;
import org.shardkit.examples.data.SocialGraph;

/**
 * The demo's seed step: generates the graph the options ask for ({@link GraphSpec#defaults} at
 * {@code --agents}, from {@code --seed}), says what it holds, and writes it to the shards with the
 * bulk seeder, one progress bar per phase.
 *
 * <p>Stateless; thread-safe.
 */
final class GraphSeeding {
    private GraphSeeding() {}

    /**
     * Generates and seeds the graph.
     *
     * @param db the database, its schema migrated and its shards empty
     * @param options the size and seed
     * @param line where the progress bars are drawn
     * @param nanoTicker the time, in nanoseconds
     * @param out where the summary lines go
     * @return the seeded agents, for the workload's draws
     */
    static Population seed(
            ShardedDatabase db, DemoOptions options, ProgressLine line, LongSupplier nanoTicker, PrintStream out) {
        long start = nanoTicker.getAsLong();
        GraphSpec spec = GraphSpec.defaults(options.agents()).withSeed(options.seed());
        SocialGraph graph = SocialGraph.generate(spec);
        out.printf(
                Locale.ROOT,
                "Generated the graph (seed %d) in %s: %,d agents, %,d friendships (mean %.1f, max %,d per agent),"
                        + " %,d interactions, %,d communities%n",
                spec.seed(),
                PhaseBar.seconds(Duration.ofNanos(nanoTicker.getAsLong() - start)),
                graph.agentCount(),
                graph.friendshipCount(),
                2.0 * graph.friendshipCount() / graph.agentCount(),
                graph.maxFriendCount(),
                graph.interactionCount(),
                graph.communityCount());
        out.println("Seeding with COPY, every shard in parallel:");
        SeedReport report = BulkSeeder.builder(SeedTarget.sharded(db))
                .progress(new SeedProgressBar(line))
                .build()
                .seed(graph);
        out.printf(Locale.ROOT, "Seeded %,d rows in %s%n", report.rows(), PhaseBar.seconds(report.elapsed()));
        return new GraphPopulation(graph);
    }
}
