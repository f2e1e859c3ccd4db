package org.shardkit.examples.demo;

/**
 * The calls a simulated user makes, with the share of calls each gets. The names are the load
 * harness's ({@code docs/load-test.md}), so the demo's table and the harness's report read alike.
 */
enum Operation {
    /** {@code feed(agent, 20)}: the newest interactions of the agent's friends. */
    FEED("feed", 30),
    /** {@code friends(agent, STRENGTH, 20)}: the strongest friendships. */
    FRIEND_LIST("friend_list", 23),
    /** {@code compatibleAgents(agent, 10)}: a search of every shard, the costliest call by far. */
    COMPATIBLE_AGENTS("compatible_agents", 2),
    /** {@code recordInteraction(a, friend, ..., JOURNALED)}: acknowledged once on the local journal. */
    RECORD_INTERACTION("record_interaction", 30),
    /** {@code requestFriendship(a, stranger)}. */
    REQUEST_FRIENDSHIP("request_friendship", 5),
    /** {@code acceptFriendship(b, a)} of a request made earlier in the run; a request when none is due. */
    ACCEPT_FRIENDSHIP("accept_friendship", 5),
    /** {@code createAgent(...)}: a new agent with a handle unique across shards. */
    CREATE_AGENT("create_agent", 5);

    private final String label;
    private final int weight;

    Operation(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    /** Returns the name in the table, e.g. {@code friend_list}. */
    String label() {
        return label;
    }

    /** Returns the share of calls, out of {@link #totalWeight()}. */
    int weight() {
        return weight;
    }

    /** Returns the sum of every operation's weight. */
    static int totalWeight() {
        int sum = 0;
        for (Operation op : values()) {
            sum += op.weight;
        }
        return sum;
    }

    /**
     * Returns the operation a uniform draw picks, each with its weight's share.
     *
     * @param draw a number in {@code [0, totalWeight())}
     * @throws IllegalArgumentException if the draw is out of range
     */
    static Operation pick(int draw) {
        if (draw < 0 || draw >= totalWeight()) {
            throw new IllegalArgumentException("draw must be in [0, " + totalWeight() + "), but was " + draw);
        }
        int left = draw;
        for (Operation op : values()) {
            if (left < op.weight) {
                return op;
            }
            left -= op.weight;
        }
        throw new AssertionError(draw);
    }
}
