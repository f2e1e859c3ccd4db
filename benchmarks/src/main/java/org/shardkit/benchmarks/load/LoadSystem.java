package org.shardkit.benchmarks.load;

import java.util.List;
import org.shardkit.social.NewAgent;

/**
 * One system under test of the load harness: the same social operations over the same data, so the
 * harness can time each system side by side. Every method returns only when the system's own
 * acknowledgement is in (a commit, or for {@code shardkit}'s interactions the journal); a failure is
 * thrown, never swallowed, so the harness counts it as an error.
 *
 * <p>Results are ids, so the harness's tests can check that every system answers the same for the
 * same agent. Implementations are thread-safe.
 */
public interface LoadSystem extends AutoCloseable {

    /** Returns the system's name in the report: {@code shardkit}, {@code naive}, {@code single} or {@code shardingsphere}. */
    String name();

    /**
     * Reads the friends' feed: the newest {@code limit} interactions initiated by the agent's accepted
     * friends, newest first by {@code (created_at, id)}.
     *
     * @return the interactions' ids, newest first
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<Long> feed(long agentId, int limit) throws Exception;

    /**
     * Reads the agent's accepted friends, strongest first ({@code strength_level DESC, friend_id DESC}).
     *
     * @return the friends' ids, at most {@code limit}
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<Long> friendList(long agentId, int limit) throws Exception;

    /**
     * Searches all shards for active agents sharing interests with this one, best match first.
     *
     * @return the compatible agents' ids, at most {@code limit}
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<Long> compatibleAgents(long agentId, int limit) throws Exception;

    /** Creates an agent and returns its id. */
    long createAgent(NewAgent agent) throws Exception;

    /** Records a message from one agent to another (friends) and strengthens their friendship. */
    void recordInteraction(long initiatorId, long recipientId, String content) throws Exception;

    /** Sends a friend request from {@code fromId} to {@code toId}. */
    void requestFriendship(long fromId, long toId) throws Exception;

    /** Accepts the pending request {@code requesterId} sent to {@code agentId}. */
    void acceptFriendship(long agentId, long requesterId) throws Exception;

    /** LinkBench {@code get_node}: reads one agent; returns whether it exists. */
    boolean getAgent(long agentId) throws Exception;

    /** LinkBench {@code update_node}: replaces the agent's bio. */
    void updateAgent(long agentId, String bio) throws Exception;

    /** LinkBench {@code delete_node}: deactivates the agent. */
    void deactivateAgent(long agentId) throws Exception;

    /** LinkBench {@code count_link}: the agent's accepted friend count. */
    int friendCount(long agentId) throws Exception;

    /** LinkBench {@code multiget_link}: how many of {@code otherIds} have a friendship row with the agent. */
    int friendships(long agentId, List<Long> otherIds) throws Exception;

    /** LinkBench {@code delete_link}: ends a friendship (both sides). */
    void removeFriend(long agentId, long friendId) throws Exception;

    /** Releases the system's pools and threads; waits for its acknowledged writes to land. */
    @Override
    void close() throws Exception;
}
