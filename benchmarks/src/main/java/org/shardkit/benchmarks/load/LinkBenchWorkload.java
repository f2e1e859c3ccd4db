package org.shardkit.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.shardkit.examples.data.AgentPair;
import org.shardkit.social.NewAgent;

/**
 * LinkBench's request phase over agents (nodes) and friendships (links): its operation mix, its
 * Zipf access laws for id1 and its payload sizes (from {@code shared/linkbench/README.md}), each
 * operation mapped onto {@link LoadSystem} as {@code docs/load-test.md} tabulates.
 *
 * <p>Every argument is drawn when the request is drawn (on the driver's thread); only the deletes
 * look at the {@link RunLedger} when they run, to remove what the run itself added. Thread-safe as
 * a {@link RequestSource}.
 */
final class LinkBenchWorkload implements RequestSource {
    /** The mix in percent, in LinkBench's order; sums to 100. */
    static final Map<Operation, Double> MIX = mix();

    /** get_link_list's limit: LinkBench asks up to 10,000, the repository pages at most 1,000. */
    static final int LINK_LIST_LIMIT = 1000;
    /** multiget_link's id2 count: geometric with this p, within [1, 128]. */
    static final double MULTIGET_P = 0.382;
    /** The most id2 of one multiget_link. */
    static final int MULTIGET_MAX = 128;
    /** Link data: LinkBench's median link payload is 8 bytes. */
    static final int LINK_DATA_LENGTH = 8;
    /** Node data: LinkBench's median node payload is 128 bytes. */
    static final int NODE_DATA_LENGTH = 128;

    private final AgentGraph graph;
    private final NewAgents newAgents;
    private final RunLedger ledger;
    private final ZipfSampler linkReads;
    private final ZipfSampler linkWrites;
    private final ZipfSampler nodeReads;
    private final ZipfSampler nodeUpdates;
    private final Operation[] operations;
    private final double[] cumulative;

    /**
     * Creates the workload.
     *
     * @param graph the seeded graph
     * @param newAgents the agents add_node creates
     * @param ledger what this system's run added
     */
    LinkBenchWorkload(AgentGraph graph, NewAgents newAgents, RunLedger ledger) {
        this.graph = graph;
        this.newAgents = newAgents;
        this.ledger = ledger;
        int n = graph.agentCount();
        this.linkReads = new ZipfSampler(n, 0.8, 0.995, 1);
        this.linkWrites = new ZipfSampler(n, 0.741, 0.95, 2);
        this.nodeReads = new ZipfSampler(n, 0.625, 1, 3);
        this.nodeUpdates = new ZipfSampler(n, 0.606, 1, 4);
        this.operations = MIX.keySet().toArray(new Operation[0]);
        this.cumulative = new double[operations.length];
        double sum = 0;
        for (int i = 0; i < operations.length; i++) {
            sum += MIX.get(operations[i]);
            cumulative[i] = sum;
        }
    }

    @Override
    public Request next(Draws draws) {
        SplittableRandom common = draws.common();
        double u = common.nextDouble() * cumulative[cumulative.length - 1];
        Operation op = operations[operations.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                op = operations[i];
                break;
            }
        }
        return new Request(op, action(op, draws));
    }

    private Action action(Operation op, Draws draws) {
        SplittableRandom common = draws.common();
        SplittableRandom own = draws.own();
        switch (op) {
            case GET_LINK_LIST -> {
                long id1 = graph.agentAt(linkReads.next(common));
                return s -> s.friendList(id1, LINK_LIST_LIMIT);
            }
            case GET_NODE -> {
                long id = graph.agentAt(nodeReads.next(common));
                return s -> s.getAgent(id);
            }
            case ADD_LINK -> {
                AgentPair pair = graph.nonFriendPair(own);
                return s -> befriend(s, pair);
            }
            case UPDATE_LINK -> {
                AgentPair pair = friendPair(linkWrites.next(common), common);
                String data = Text.of(common, LINK_DATA_LENGTH);
                return s -> s.recordInteraction(pair.agentId(), pair.otherId(), data);
            }
            case UPDATE_NODE -> {
                long id = graph.agentAt(nodeUpdates.next(common));
                String bio = Text.of(common, NODE_DATA_LENGTH);
                return s -> s.updateAgent(id, bio);
            }
            case COUNT_LINK -> {
                long id1 = graph.agentAt(linkReads.next(common));
                return s -> s.friendCount(id1);
            }
            case DELETE_LINK -> {
                AgentPair fallback = graph.nonFriendPair(own);
                return s -> {
                    AgentPair pair = ledger.takeBefriended();
                    if (pair == null) {
                        s.requestFriendship(fallback.agentId(), fallback.otherId());
                        s.acceptFriendship(fallback.otherId(), fallback.agentId());
                        pair = fallback;
                    }
                    s.removeFriend(pair.agentId(), pair.otherId());
                };
            }
            case ADD_NODE -> {
                NewAgent agent = newAgents.next(own);
                return s -> ledger.created(s.createAgent(agent));
            }
            case DELETE_NODE -> {
                NewAgent fallback = newAgents.next(own);
                return s -> {
                    Long id = ledger.takeCreated();
                    s.deactivateAgent(id != null ? id : s.createAgent(fallback));
                };
            }
            case MULTIGET_LINK -> {
                int index = linkReads.next(common);
                long id1 = graph.agentAt(index);
                List<Long> id2s = multigetIds(index, common);
                return s -> s.friendships(id1, id2s);
            }
            default -> throw new IllegalStateException("not a LinkBench operation: " + op);
        }
    }

    private void befriend(LoadSystem s, AgentPair pair) throws Exception {
        s.requestFriendship(pair.agentId(), pair.otherId());
        s.acceptFriendship(pair.otherId(), pair.agentId());
        ledger.befriended(pair);
    }

    private AgentPair friendPair(int index, SplittableRandom random) {
        long friend = graph.friendOf(index, random);
        return friend < 0 ? graph.friendPair(random) : new AgentPair(graph.agentAt(index), friend);
    }

    /** LinkBench's id2 count: geometric(p) in [1, 128]; half are the agent's friends, half anyone. */
    private List<Long> multigetIds(int index, SplittableRandom random) {
        int k = 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - MULTIGET_P));
        k = Math.min(k, MULTIGET_MAX);
        List<Long> ids = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            long friend = random.nextBoolean() ? graph.friendOf(index, random) : -1;
            ids.add(friend >= 0 ? friend : graph.agentAt(random.nextInt(graph.agentCount())));
        }
        return ids;
    }

    private static Map<Operation, Double> mix() {
        Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.GET_LINK_LIST, 50.71);
        m.put(Operation.GET_NODE, 12.93);
        m.put(Operation.ADD_LINK, 8.99);
        m.put(Operation.UPDATE_LINK, 8.01);
        m.put(Operation.UPDATE_NODE, 7.37);
        m.put(Operation.COUNT_LINK, 4.89);
        m.put(Operation.DELETE_LINK, 2.99);
        m.put(Operation.ADD_NODE, 2.57);
        m.put(Operation.DELETE_NODE, 1.01);
        m.put(Operation.MULTIGET_LINK, 0.53);
        return Collections.unmodifiableMap(m);
    }
}
