package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;
import org.shardkit.examples.data.AgentPair;
import org.shardkit.examples.data.SocialGraph;

/** The seeded {@link SocialGraph} as the workloads see it. Thread-safe (the graph is immutable). */
final class GraphAgents implements AgentGraph {
    private final SocialGraph graph;

    GraphAgents(SocialGraph graph) {
        this.graph = graph;
    }

    @Override
    public int agentCount() {
        return graph.agentCount();
    }

    @Override
    public long agentAt(int index) {
        return graph.agentId(index);
    }

    @Override
    public AgentPair friendPair(SplittableRandom random) {
        return graph.randomFriends(random);
    }

    @Override
    public AgentPair nonFriendPair(SplittableRandom random) {
        return graph.randomNonFriends(random);
    }

    @Override
    public long friendOf(int index, SplittableRandom random) {
        int count = graph.friendCount(index);
        return count == 0 ? -1 : graph.agentId(graph.friend(index, random.nextInt(count)));
    }
}
