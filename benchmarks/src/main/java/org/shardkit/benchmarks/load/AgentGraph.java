package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;
import org.shardkit.examples.data.AgentPair;

/**
 * What the workloads need to know of the seeded graph: its agents by position, so access
 * distributions can rank them, and samplers of pairs that are (or are not) friends in it.
 * Implementations are thread-safe; the randomness comes from the caller.
 */
interface AgentGraph {

    /** Returns the number of seeded agents. */
    int agentCount();

    /**
     * Returns the id of the agent at a position.
     *
     * @param index from 0 to {@link #agentCount()} - 1
     */
    long agentAt(int index);

    /** Returns two agents that are friends in the seeded graph. */
    AgentPair friendPair(SplittableRandom random);

    /** Returns two distinct agents that are not friends in the seeded graph. */
    AgentPair nonFriendPair(SplittableRandom random);

    /** Returns a friend of the agent at {@code index} in the seeded graph, or -1 if it has none. */
    long friendOf(int index, SplittableRandom random);
}
