package org.shardkit.benchmarks.load;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardkit.social.NewAgent;

/**
 * A {@link LoadSystem} for driver tests, where no database is needed: reads answer at once, except
 * that the first feed waits until {@link #releaseStall()} (or its timeout); writes fail when told to.
 */
final class ScriptedSystem implements LoadSystem {
    private final CountDownLatch stall;
    private final long stallTimeoutMillis;
    private final boolean failWrites;
    private final AtomicInteger feeds = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();

    ScriptedSystem(boolean stallFirstFeed, long stallTimeoutMillis, boolean failWrites) {
        this.stall = new CountDownLatch(stallFirstFeed ? 1 : 0);
        this.stallTimeoutMillis = stallTimeoutMillis;
        this.failWrites = failWrites;
    }

    /** Ends the first feed's stall. */
    void releaseStall() {
        stall.countDown();
    }

    /** Returns the feeds served. */
    int feeds() {
        return feeds.get();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public List<Long> feed(long agentId, int limit) throws InterruptedException {
        if (feeds.getAndIncrement() == 0) {
            stall.await(stallTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        return List.of(agentId);
    }

    @Override
    public List<Long> friendList(long agentId, int limit) {
        return List.of();
    }

    @Override
    public List<Long> compatibleAgents(long agentId, int limit) {
        return List.of();
    }

    @Override
    public long createAgent(NewAgent agent) {
        if (failWrites) {
            throw new IllegalStateException("scripted write failure");
        }
        return created.incrementAndGet();
    }

    @Override
    public void recordInteraction(long initiatorId, long recipientId, String content) {
        if (failWrites) {
            throw new IllegalStateException("scripted write failure");
        }
    }

    @Override
    public void requestFriendship(long fromId, long toId) {}

    @Override
    public void acceptFriendship(long agentId, long requesterId) {}

    @Override
    public boolean getAgent(long agentId) {
        return true;
    }

    @Override
    public void updateAgent(long agentId, String bio) {}

    @Override
    public void deactivateAgent(long agentId) {}

    @Override
    public int friendCount(long agentId) {
        return 0;
    }

    @Override
    public int friendships(long agentId, List<Long> otherIds) {
        return 0;
    }

    @Override
    public void removeFriend(long agentId, long friendId) {}

    @Override
    public void close() {}
}
