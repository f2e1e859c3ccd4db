package org.shardkit.benchmarks.load;

/**
 * Two agents, in order: who initiates (sends, requests) and who receives.
 *
 * @param from the initiating agent's id
 * @param to the other agent's id
 */
record AgentPair(long from, long to) {}
