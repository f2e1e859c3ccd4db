package org.shardkit.benchmarks.load;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.shardkit.examples.data.AgentPair;
import org.shardkit.social.NewAgent;

/**
 * The seed's workload: the requests of its {@code PerformanceTestSuite} (agent creation; feed,
 * compatible agents and friend list over different agents) and of the mixed run of simulated
 * agents that follows it. The mixed run's mix is ours (the seed names the operations, not their
 * shares): {@link #MIXED}. Thread-safe as a {@link RequestSource} factory.
 */
final class SeedWorkload {
    /** The seed's feed page: 20 items. */
    static final int FEED_LIMIT = 20;
    /** The seed's compatible-agents page: 10 agents. */
    static final int COMPATIBLE_LIMIT = 10;
    /** A friend-list page: 50 friends. */
    static final int FRIEND_LIMIT = 50;
    /** Interaction content: 60 characters, the size of the benchmarks' interaction rows. */
    static final int CONTENT_LENGTH = 60;
    /** A created agent's bio: 128 characters. */
    static final int BIO_LENGTH = 128;
    /** The mixed run's mix in percent: reads dominate, as in a social app's traffic. */
    static final Map<Operation, Double> MIXED = mixedShares();

    private final AgentGraph graph;
    private final NewAgents newAgents;
    private final RunLedger ledger;
    private final Permutation suiteOrder;
    private final Permutation userAgents;
    private final int users;
    private final Operation[] operations;
    private final double[] cumulative;

    /**
     * Creates the workload.
     *
     * @param graph the seeded graph
     * @param newAgents the agents create_agent creates
     * @param ledger what this system's run added
     * @param users the simulated users of the mixed run (each one agent of the graph)
     */
    SeedWorkload(AgentGraph graph, NewAgents newAgents, RunLedger ledger, int users) {
        this.graph = graph;
        this.newAgents = newAgents;
        this.ledger = ledger;
        this.users = users;
        int n = graph.agentCount();
        this.suiteOrder = new Permutation(n, 0x5DEECE66DL, 11);
        this.userAgents = new Permutation(n, 0x2545F4914F6CDD1DL, 17);
        this.operations = MIXED.keySet().toArray(new Operation[0]);
        this.cumulative = new double[operations.length];
        double sum = 0;
        for (int i = 0; i < operations.length; i++) {
            sum += MIXED.get(operations[i]);
            cumulative[i] = sum;
        }
    }

    /** The suite's agent creation: every request creates one agent. */
    RequestSource creation() {
        return draws -> {
            NewAgent agent = newAgents.next(draws.own());
            return new Request(Operation.CREATE_AGENT, s -> ledger.created(s.createAgent(agent)));
        };
    }

    /**
     * The suite's loop over one read: request {@code i} reads for the i-th of a fixed shuffle of
     * the agents, so 1,000 iterations visit 1,000 different agents (when there are that many).
     */
    RequestSource suiteReads(Operation op) {
        AtomicLong next = new AtomicLong();
        return draws -> {
            long agent = graph.agentAt(suiteOrder.at(next.getAndIncrement()));
            return new Request(op, read(op, agent));
        };
    }

    /** The mixed run: a user drawn uniformly (its agent fixed), an operation drawn by {@link #MIXED}. */
    RequestSource mixed() {
        return draws -> {
            SplittableRandom common = draws.common();
            int user = common.nextInt(users);
            int index = userAgents.at(user);
            long agent = graph.agentAt(index);
            double u = common.nextDouble() * cumulative[cumulative.length - 1];
            Operation op = operations[operations.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (u < cumulative[i]) {
                    op = operations[i];
                    break;
                }
            }
            return new Request(
                    op,
                    switch (op) {
                        case RECORD_INTERACTION -> {
                            long friend = graph.friendOf(index, common);
                            AgentPair pair = friend < 0 ? graph.friendPair(common) : new AgentPair(agent, friend);
                            String content = Text.of(common, CONTENT_LENGTH);
                            yield s -> s.recordInteraction(pair.agentId(), pair.otherId(), content);
                        }
                        case ACCEPT_FRIENDSHIP -> {
                            AgentPair pair = graph.nonFriendPair(draws.own());
                            yield s -> {
                                s.requestFriendship(pair.agentId(), pair.otherId());
                                s.acceptFriendship(pair.otherId(), pair.agentId());
                                ledger.befriended(pair);
                            };
                        }
                        case CREATE_AGENT -> {
                            NewAgent created = newAgents.next(draws.own());
                            yield s -> ledger.created(s.createAgent(created));
                        }
                        default -> read(op, agent);
                    });
        };
    }

    private static Action read(Operation op, long agent) {
        return switch (op) {
            case FEED -> s -> s.feed(agent, FEED_LIMIT);
            case FRIEND_LIST -> s -> s.friendList(agent, FRIEND_LIMIT);
            case COMPATIBLE_AGENTS -> s -> s.compatibleAgents(agent, COMPATIBLE_LIMIT);
            default -> throw new IllegalArgumentException("not a read of the seed workload: " + op);
        };
    }

    private static Map<Operation, Double> mixedShares() {
        Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.FEED, 35.0);
        m.put(Operation.FRIEND_LIST, 25.0);
        m.put(Operation.COMPATIBLE_AGENTS, 5.0);
        m.put(Operation.CREATE_AGENT, 5.0);
        m.put(Operation.RECORD_INTERACTION, 25.0);
        m.put(Operation.ACCEPT_FRIENDSHIP, 5.0);
        return Collections.unmodifiableMap(m);
    }
}
