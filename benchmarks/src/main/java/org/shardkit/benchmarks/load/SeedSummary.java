package org.shardkit.benchmarks.load;

import java.time.Duration;

/**
 * How the run got its data, for the report.
 *
 * @param graph the graph's spec, as text
 * @param reused whether a seeded graph was reused
 * @param seedTime the seeding's wall time (zero when reused)
 * @param note what happened, in a sentence (e.g. why a reuse was refused)
 */
record SeedSummary(String graph, boolean reused, Duration seedTime, String note) {}
