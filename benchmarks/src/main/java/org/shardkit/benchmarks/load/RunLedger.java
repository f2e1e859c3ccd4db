package org.shardkit.benchmarks.load;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.shardkit.examples.data.AgentPair;

/**
 * What one system's run added to the shared data, so that deletes remove only that (a reused graph
 * stays the seeded graph): the agents it created and the friendships it added. Thread-safe.
 */
final class RunLedger {
    private final ConcurrentLinkedQueue<Long> created = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<AgentPair> befriended = new ConcurrentLinkedQueue<>();

    /** Notes an agent the run created. */
    void created(long agentId) {
        created.add(agentId);
    }

    /** Notes a friendship the run added. */
    void befriended(AgentPair pair) {
        befriended.add(pair);
    }

    /** Takes the oldest agent the run created and has not taken yet, or null. */
    @Nullable
    Long takeCreated() {
        return created.poll();
    }

    /** Takes the oldest friendship the run added and has not taken yet, or null. */
    @Nullable
    AgentPair takeBefriended() {
        return befriended.poll();
    }
}
