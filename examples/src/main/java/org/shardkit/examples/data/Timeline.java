package org.shardkit.examples.data;

/**
 * When things happened, in microseconds before the end of the graph's history (the seeder's clock
 * at load time), so that the graph itself holds no date. In order, for every agent and pair:
 *
 * <ul>
 *   <li>agents joined between {@value #AGENTS_FROM_DAYS} and {@value #AGENTS_TO_DAYS} days ago,
 *       in index order (agent 0 first);
 *   <li>a friendship was requested after both agents joined and before {@value
 *       #FRIENDSHIPS_BY_DAYS} days ago, and accepted within a day;
 *   <li>interactions are spread evenly over the last {@value #INTERACTION_DAYS} days, in their
 *       order (so a pair's last interaction is its highest-numbered one);
 *   <li>a community was created by its owner after the owner joined and before {@value
 *       #COMMUNITIES_BY_DAYS} days ago; members joined after both existed and before a day ago.
 * </ul>
 *
 * Immutable and thread-safe.
 */
final class Timeline {
    static final long DAY = 86_400_000_000L;
    static final int AGENTS_FROM_DAYS = 400;
    static final int AGENTS_TO_DAYS = 40;
    static final int FRIENDSHIPS_BY_DAYS = 31;
    static final int INTERACTION_DAYS = 30;
    static final int COMMUNITIES_BY_DAYS = 35;

    private final int agents;
    private final long interactions;
    private final long seed;

    Timeline(int agents, long interactions, long seed) {
        this.agents = agents;
        this.interactions = interactions;
        this.seed = seed;
    }

    /** Returns when an agent joined: its created_at. */
    long agentCreated(int agent) {
        double span = (double) (AGENTS_FROM_DAYS - AGENTS_TO_DAYS) * DAY;
        return -AGENTS_FROM_DAYS * DAY + (long) (agent * span / agents);
    }

    /** Returns when interaction {@code i} happened. */
    long interaction(long i) {
        double span = (double) INTERACTION_DAYS * DAY;
        return -INTERACTION_DAYS * DAY + (long) (i * span / interactions);
    }

    /** Returns when a pair's friendship was requested (its created_at). */
    long friendshipRequested(int a, int b) {
        long after = Math.max(agentCreated(a), agentCreated(b));
        return between(after, -FRIENDSHIPS_BY_DAYS * DAY, pairHash(a, b));
    }

    /** Returns when a pair's friendship was accepted (its updated_at, and its version in microseconds). */
    long friendshipAccepted(int a, int b) {
        long requested = friendshipRequested(a, b);
        return between(requested, requested + DAY, Draws.mix(pairHash(a, b)));
    }

    /** Returns when a community was created by its owner. */
    long communityCreated(int community, int owner) {
        return between(
                agentCreated(owner), -COMMUNITIES_BY_DAYS * DAY, Draws.hash(seed, Draws.TIMES, ~(long) community));
    }

    /** Returns when an agent joined a community created at {@code created}. */
    long joined(int agent, int community, long created) {
        long after = Math.max(agentCreated(agent), created);
        return between(after, -DAY, Draws.hash(seed, Draws.TIMES, ((long) community << 32) ^ agent ^ Long.MIN_VALUE));
    }

    private long pairHash(int a, int b) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        return Draws.hash(seed, Draws.TIMES, (low << 32) | high);
    }

    /** Returns a time in [from, to) placed by a hash (from itself when the span is empty). */
    private static long between(long from, long to, long hash) {
        if (to <= from) {
            return from;
        }
        return from + (long) (Draws.open01(hash) * (to - from));
    }
}
