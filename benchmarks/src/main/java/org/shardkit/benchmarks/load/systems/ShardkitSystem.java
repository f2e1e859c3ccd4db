package org.shardkit.benchmarks.load.systems;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.social.CompatibleAgent;
import org.shardkit.social.CompatibleOptions;
import org.shardkit.social.FeedItem;
import org.shardkit.social.FriendOrder;
import org.shardkit.social.Friendship;
import org.shardkit.social.InteractionType;
import org.shardkit.social.NewAgent;
import org.shardkit.social.ProfileUpdate;
import org.shardkit.social.SocialRepository;

/**
 * {@code shardkit}: the social repository as built, over the caller's {@link
 * org.shardkit.core.ShardedDatabase}, every operation through its public API. Interactions go through
 * its write queue and return once journaled ({@link Ack#JOURNALED}); {@link #close()} drains the queue,
 * so they are committed when it returns. A compatible-agents answer missing a shard is an error
 * ({@link FailurePolicy#FAIL_FAST}), never a shorter list. Thread-safe.
 */
final class ShardkitSystem implements LoadSystem {
    private static final CompatibleOptions ALL_SHARDS =
            CompatibleOptions.defaults().withPolicy(FailurePolicy.FAIL_FAST);

    /** How long a close waits for the outbox and for the write queue each: 60 s. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final SocialRepository social;

    ShardkitSystem(SocialRepository social) {
        this.social = social;
    }

    @Override
    public String name() {
        return LoadSystems.SHARDKIT;
    }

    @Override
    public List<Long> feed(long agentId, int limit) {
        Limit.require(limit);
        return social.feed(agentId, limit, null).items().stream()
                .map(FeedItem::interaction)
                .map(it -> it.id())
                .toList();
    }

    @Override
    public List<Long> friendList(long agentId, int limit) {
        Limit.require(limit);
        return social.friends(agentId, FriendOrder.STRENGTH, limit, null).items().stream()
                .map(Friendship::friendId)
                .toList();
    }

    @Override
    public List<Long> compatibleAgents(long agentId, int limit) {
        Limit.require(limit);
        return social.compatibleAgents(agentId, limit, ALL_SHARDS).requireComplete().stream()
                .map(CompatibleAgent::agent)
                .map(a -> a.id())
                .toList();
    }

    @Override
    public long createAgent(NewAgent agent) {
        return social.createAgent(agent).id();
    }

    @Override
    public void recordInteraction(long initiatorId, long recipientId, String content) throws Exception {
        try {
            social.recordInteraction(initiatorId, recipientId, InteractionType.MESSAGE, content, Ack.JOURNALED)
                    .get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void requestFriendship(long fromId, long toId) {
        social.requestFriendship(fromId, toId);
    }

    @Override
    public void acceptFriendship(long agentId, long requesterId) {
        social.acceptFriendship(agentId, requesterId);
    }

    @Override
    public boolean getAgent(long agentId) {
        return social.findAgent(agentId).isPresent();
    }

    @Override
    public void updateAgent(long agentId, String bio) {
        social.updateProfile(agentId, ProfileUpdate.none().withBio(Objects.requireNonNull(bio, "bio")));
    }

    @Override
    public void deactivateAgent(long agentId) {
        social.deactivate(agentId);
    }

    @Override
    public int friendCount(long agentId) {
        return social.friendCount(agentId);
    }

    /** The repository has no multi-get of pairs: one single-shard read per other agent, all on the agent's shard. */
    @Override
    public int friendships(long agentId, List<Long> otherIds) {
        int found = 0;
        // Each id once, as the other systems' friend_id = ANY(ids) counts rows.
        for (long other : new java.util.LinkedHashSet<>(otherIds)) {
            // No pair with oneself: no row, as in the other systems (the repository refuses to ask).
            if (other != agentId && social.friendship(agentId, other).isPresent()) {
                found++;
            }
        }
        return found;
    }

    @Override
    public void removeFriend(long agentId, long friendId) {
        social.removeFriend(agentId, friendId);
    }

    /**
     * Waits for the friendship changes still in the outbox (outbox mode), drains the write queue (every
     * journaled interaction committed) and stops the repository; the database stays open.
     *
     * @throws IllegalStateException if changes were left unapplied or interactions uncommitted (they
     *     stay in the outbox or the journal for the next repository)
     */
    @Override
    public void close() {
        boolean converged;
        QueueDrain drained;
        try {
            converged = social.awaitConverged(CLOSE_TIMEOUT);
        } finally {
            drained = social.close(CLOSE_TIMEOUT);
        }
        if (!converged || !drained.complete()) {
            throw new IllegalStateException("shardkit closed with writes not landed after " + CLOSE_TIMEOUT
                    + ": outbox " + (converged ? "empty" : "not empty") + ", queue " + drained);
        }
    }
}
