package org.shardkit.examples.data;

/**
 * Two agents drawn together by a {@link SocialGraph} sampler: a pair of friends, or of strangers.
 *
 * @param agentId the first agent's id
 * @param otherId the second agent's id, never the first's
 */
public record AgentPair(long agentId, long otherId) {}
