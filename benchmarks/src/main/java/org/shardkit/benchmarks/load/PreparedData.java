package org.shardkit.benchmarks.load;

/**
 * The seeded graph as the workloads see it, and how it came to be.
 *
 * @param graph the graph's agents and samplers
 * @param summary seeded or reused, and how long it took
 */
record PreparedData(AgentGraph graph, SeedSummary summary) {}
