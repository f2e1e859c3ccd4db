package org.shardkit.examples.demo;

import java.util.Objects;
import java.util.SplittableRandom;
import org.shardkit.examples.data.SocialGraph;
import org.shardkit.social.NewAgent;

/**
 * The workload's view of a seeded {@link SocialGraph}: readers are drawn by activity (the graph's
 * Zipf law over agents with friends, as the seeded interactions were), interactions go between
 * seeded friends, requests between seeded strangers, and new agents borrow a seeded agent's profile
 * under a handle of their own, {@code live-<seed>-<n>}: seeded handles all hold dots, these none, so
 * the two never meet.
 *
 * <p>Thread-safe: the graph is immutable and every draw uses the caller's random source.
 */
final class GraphPopulation implements Population {
    private final SocialGraph graph;

    GraphPopulation(SocialGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public long agent(SplittableRandom random) {
        return graph.activeAgent(random);
    }

    @Override
    public AgentPair friends(SplittableRandom random) {
        org.shardkit.examples.data.AgentPair p = graph.randomFriends(random);
        return new AgentPair(p.agentId(), p.otherId());
    }

    @Override
    public AgentPair strangers(SplittableRandom random) {
        org.shardkit.examples.data.AgentPair p = graph.randomNonFriends(random);
        return new AgentPair(p.agentId(), p.otherId());
    }

    @Override
    public NewAgent newAgent(long sequence, SplittableRandom random) {
        NewAgent like = graph.agent(random.nextInt(graph.agentCount()));
        return new NewAgent(
                "live-" + Long.toUnsignedString(graph.spec().seed(), 36) + "-" + sequence,
                like.name(),
                like.personality(),
                like.interests(),
                like.bio());
    }
}
