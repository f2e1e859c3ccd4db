package org.shardkit.social;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the read paths cache, behind one seam so that a repository without a cache (and without
 * shard-cache on its class path) reads PostgreSQL: {@link #NONE}. The implementation over
 * shard-cache is {@link TwoLevelReadCache}. Implementations never fail a read because of the cache,
 * and never fail a write because an invalidation could not be sent. Thread-safe.
 */
interface ReadCache {
    /** No cache: every read loads. */
    ReadCache NONE = new ReadCache() {
        @Override
        public Optional<Agent> agent(long id, Supplier<Optional<Agent>> load) {
            return load.get();
        }

        @Override
        public int friendCount(long id, Supplier<Integer> load) {
            return load.get();
        }

        @Override
        public boolean cachesFeeds() {
            return false;
        }

        @Override
        public List<FeedItem> feedHead(long id, Supplier<List<FeedItem>> load) {
            return load.get();
        }

        @Override
        public void profileChanged(long id) {}

        @Override
        public void friendshipsChanged(long agentId, long otherId) {}
    };

    /** An agent's profile, read through the cache. */
    Optional<Agent> agent(long id, Supplier<Optional<Agent>> load);

    /** An agent's friend count, read through the cache when it caches them. */
    int friendCount(long id, Supplier<Integer> load);

    /** Tells whether feeds' first items are cached. */
    boolean cachesFeeds();

    /** The first items of an agent's feed, read through the cache when it caches them. */
    List<FeedItem> feedHead(long id, Supplier<List<FeedItem>> load);

    /** Drops an agent's cached profile, on every node: after a profile change or a deactivation. */
    void profileChanged(long id);

    /** Drops what two agents' friendships decide (profiles, friend counts, feeds), on every node. */
    void friendshipsChanged(long agentId, long otherId);
}
