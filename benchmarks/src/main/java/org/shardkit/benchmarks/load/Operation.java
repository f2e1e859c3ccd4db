package org.shardkit.benchmarks.load;

/**
 * The operations the harness times, each under the name it has in {@code report.json}: the seed's
 * social operations and LinkBench's request types.
 */
public enum Operation {
    /** The friends' feed of an agent. */
    FEED("feed"),
    /** An agent's accepted friends, strongest first. */
    FRIEND_LIST("friend_list"),
    /** The cross-shard compatible-agents search. */
    COMPATIBLE_AGENTS("compatible_agents"),
    /** A new agent. */
    CREATE_AGENT("create_agent"),
    /** A message between two friends, which strengthens their friendship. */
    RECORD_INTERACTION("record_interaction"),
    /** A friend request and its acceptance: two writes, timed together. */
    ACCEPT_FRIENDSHIP("accept_friendship"),
    /** LinkBench: the newest links of a node; here the agent's friend list. */
    GET_LINK_LIST("get_link_list"),
    /** LinkBench: read one node; here one agent. */
    GET_NODE("get_node"),
    /** LinkBench: insert a link; here a new accepted friendship (request and accept). */
    ADD_LINK("add_link"),
    /** LinkBench: change a link's data and time; here an interaction between friends. */
    UPDATE_LINK("update_link"),
    /** LinkBench: change a node's data; here an agent's bio. */
    UPDATE_NODE("update_node"),
    /** LinkBench: count a node's links; here the agent's friend count. */
    COUNT_LINK("count_link"),
    /** LinkBench: delete a link; here end a friendship this run added. */
    DELETE_LINK("delete_link"),
    /** LinkBench: insert a node; here create an agent. */
    ADD_NODE("add_node"),
    /** LinkBench: delete a node; here deactivate an agent this run created. */
    DELETE_NODE("delete_node"),
    /** LinkBench: fetch several links of one node at once; here friendship rows with several agents. */
    MULTIGET_LINK("multiget_link");

    private final String reportName;

    Operation(String reportName) {
        this.reportName = reportName;
    }

    /** Returns the operation's name in the report, e.g. {@code friend_list}. */
    public String reportName() {
        return reportName;
    }
}
