package org.shardkit.social;

/**
 * One item of an agent's feed: an interaction one of its friends initiated, with what a feed shows
 * of its author, read from the author's shard in the same query as the interaction. Immutable and
 * thread-safe.
 *
 * @param interaction the interaction
 * @param authorName the initiator's display name
 * @param authorPersonality the initiator's personality
 */
public record FeedItem(Interaction interaction, String authorName, Personality authorPersonality) {}
