package org.shardkit.examples.data;

/**
 * What {@link SocialGraph#generate} draws: how many agents, interactions and communities, and the
 * seed that makes the graph what it is (the same spec always gives the same graph, byte for byte).
 * Friend counts are not a parameter: they follow a fixed heavy-tailed law of mean {@link
 * SocialGraph#MEAN_FRIENDS}.
 *
 * <pre>{@code
 * GraphSpec spec = GraphSpec.defaults(1_000_000);           // 10M interactions, 10,000 communities
 * GraphSpec other = new GraphSpec(2_000, 20_000, 20, 7);    // or every value given
 * }</pre>
 *
 * @param agents the number of agents, 1 to {@link #MAX_AGENTS}
 * @param interactions the number of interactions, 0 to {@link #MAX_INTERACTIONS}; more than 0 needs
 *     at least two agents (interactions are between friends)
 * @param communities the number of communities, 0 to {@link #MAX_COMMUNITIES}
 * @param seed the seed of every random draw
 */
public record GraphSpec(int agents, long interactions, int communities, long seed) {
    /** The most agents a graph holds: 50 million (its friend lists stay in one int-indexed array). */
    public static final int MAX_AGENTS = 50_000_000;
    /** The most interactions a graph holds: {@code Integer.MAX_VALUE} (each edge keeps its last one as an int). */
    public static final long MAX_INTERACTIONS = Integer.MAX_VALUE;
    /** The most communities a graph holds: 10 million. */
    public static final int MAX_COMMUNITIES = 10_000_000;
    /** The seed of {@link #defaults}. */
    public static final long DEFAULT_SEED = 42;
    /** Interactions per agent in {@link #defaults}. */
    public static final int DEFAULT_INTERACTIONS_PER_AGENT = 10;
    /** Agents per community in {@link #defaults}, before its bounds of 1 and {@link #DEFAULT_MAX_COMMUNITIES}. */
    public static final int DEFAULT_AGENTS_PER_COMMUNITY = 100;
    /** The most communities {@link #defaults} gives: 10,000 (reached at 1,000,000 agents). */
    public static final int DEFAULT_MAX_COMMUNITIES = 10_000;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the first value out of its range
     */
    public GraphSpec {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be between 1 and " + MAX_AGENTS + ", but was " + agents);
        }
        if (interactions < 0 || interactions > MAX_INTERACTIONS) {
            throw new IllegalArgumentException(
                    "interactions must be between 0 and " + MAX_INTERACTIONS + ", but was " + interactions);
        }
        if (interactions > 0 && agents < 2) {
            throw new IllegalArgumentException("interactions must be 0 with a single agent (interactions are"
                    + " between friends), but was " + interactions);
        }
        if (communities < 0 || communities > MAX_COMMUNITIES) {
            throw new IllegalArgumentException(
                    "communities must be between 0 and " + MAX_COMMUNITIES + ", but was " + communities);
        }
    }

    /**
     * Returns the spec of the demo and the load harness for a number of agents: {@value
     * #DEFAULT_INTERACTIONS_PER_AGENT} interactions per agent, one community per {@value
     * #DEFAULT_AGENTS_PER_COMMUNITY} agents (at least 1, at most {@value #DEFAULT_MAX_COMMUNITIES}),
     * seed {@value #DEFAULT_SEED}.
     *
     * @throws IllegalArgumentException if {@code agents} is out of range
     */
    public static GraphSpec defaults(int agents) {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be between 1 and " + MAX_AGENTS + ", but was " + agents);
        }
        long interactions = agents < 2 ? 0 : (long) DEFAULT_INTERACTIONS_PER_AGENT * agents;
        int communities = Math.min(DEFAULT_MAX_COMMUNITIES, Math.max(1, agents / DEFAULT_AGENTS_PER_COMMUNITY));
        return new GraphSpec(agents, interactions, communities, DEFAULT_SEED);
    }

    /** Returns this spec with another seed. */
    public GraphSpec withSeed(long newSeed) {
        return new GraphSpec(agents, interactions, communities, newSeed);
    }

    /** Returns this spec with another number of interactions, checked as the constructor checks it. */
    public GraphSpec withInteractions(long newInteractions) {
        return new GraphSpec(agents, newInteractions, communities, seed);
    }

    /** Returns this spec with another number of communities, checked as the constructor checks it. */
    public GraphSpec withCommunities(int newCommunities) {
        return new GraphSpec(agents, interactions, newCommunities, seed);
    }
}
