package org.shardkit.examples.demo;

/**
 * Two distinct agents, in the order an operation uses them: {@code first} acts on {@code second}
 * (sends, requests), or {@code second} answers {@code first} (accepts).
 *
 * @param first the agent that acts first
 * @param second the other agent
 */
record AgentPair(long first, long second) {
    AgentPair {
        if (first == second) {
            throw new IllegalArgumentException("a pair needs two agents, but both were " + first);
        }
    }

    /** Returns the pair's key whichever way round it is used: the lower id, then the higher. */
    AgentPair unordered() {
        return first < second ? this : new AgentPair(second, first);
    }
}
