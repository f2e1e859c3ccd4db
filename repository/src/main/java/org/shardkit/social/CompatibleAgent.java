package org.shardkit.social;

/**
 * A candidate of the compatible-agents search and its score (docs/social.md, "Compatible agents").
 * Immutable and thread-safe.
 *
 * @param agent the candidate's profile, from its shard
 * @param score its compatibility with the agent searched for; higher is better
 */
public record CompatibleAgent(Agent agent, double score) {}
