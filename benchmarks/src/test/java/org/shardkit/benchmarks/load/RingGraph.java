package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;
import org.shardkit.examples.data.AgentPair;

/** A graph for workload tests: agent i (id 1000 + i) is friends with i - 1 and i + 1 around a ring. */
final class RingGraph implements AgentGraph {
    private final int n;

    RingGraph(int n) {
        this.n = n;
    }

    @Override
    public int agentCount() {
        return n;
    }

    @Override
    public long agentAt(int index) {
        return 1000L + index;
    }

    @Override
    public AgentPair friendPair(SplittableRandom random) {
        int i = random.nextInt(n);
        return new AgentPair(agentAt(i), agentAt((i + 1) % n));
    }

    @Override
    public AgentPair nonFriendPair(SplittableRandom random) {
        int i = random.nextInt(n);
        return new AgentPair(agentAt(i), agentAt((i + n / 2) % n));
    }

    @Override
    public long friendOf(int index, SplittableRandom random) {
        return agentAt(Math.floorMod(index + (random.nextBoolean() ? 1 : -1), n));
    }
}
