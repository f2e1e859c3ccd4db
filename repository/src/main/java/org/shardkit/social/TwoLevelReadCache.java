package org.shardkit.social;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.CacheNamespace;
import org.shardkit.cache.TwoLevelCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read cache over shard-cache's {@link TwoLevelCache}, in the namespaces of {@link
 * SocialCaching}. A failure of the cache itself (not of the loader) is logged and the read goes to
 * PostgreSQL; an invalidation that fails is logged (shard-cache queues it while Redis is away).
 * Thread-safe.
 */
final class TwoLevelReadCache implements ReadCache {
    private static final Logger log = LoggerFactory.getLogger(TwoLevelReadCache.class);

    private final CacheNamespace<Agent> agents;
    private final @Nullable CacheNamespace<Integer> counts;
    private final @Nullable CacheNamespace<List<FeedItem>> feeds;

    /**
     * Binds the namespaces.
     *
     * @throws IllegalArgumentException if the cache has no {@value SocialCaching#AGENTS} namespace
     */
    TwoLevelReadCache(TwoLevelCache cache) {
        var configured = cache.settings().namespaces().keySet();
        if (!configured.contains(SocialCaching.AGENTS)) {
            throw new IllegalArgumentException("cache must have the namespace '" + SocialCaching.AGENTS
                    + "' (see SocialCaching.namespaces()), but has " + configured);
        }
        this.agents = cache.namespace(SocialCaching.AGENTS, SocialCodecs.AGENT);
        this.counts = configured.contains(SocialCaching.FRIEND_COUNTS)
                ? cache.namespace(SocialCaching.FRIEND_COUNTS, SocialCodecs.COUNT)
                : null;
        this.feeds = configured.contains(SocialCaching.FEEDS)
                ? cache.namespace(SocialCaching.FEEDS, SocialCodecs.FEED)
                : null;
    }

    @Override
    public Optional<Agent> agent(long id, Supplier<Optional<Agent>> load) {
        return Optional.ofNullable(read(agents, id, () -> load.get().orElse(null)));
    }

    @Override
    public int friendCount(long id, Supplier<Integer> load) {
        CacheNamespace<Integer> ns = counts;
        return ns == null ? load.get() : java.util.Objects.requireNonNull(read(ns, id, load));
    }

    @Override
    public boolean cachesFeeds() {
        return feeds != null;
    }

    @Override
    public List<FeedItem> feedHead(long id, Supplier<List<FeedItem>> load) {
        CacheNamespace<List<FeedItem>> ns = feeds;
        return ns == null ? load.get() : java.util.Objects.requireNonNull(read(ns, id, load));
    }

    @Override
    public void profileChanged(long id) {
        invalidate(agents, id);
    }

    @Override
    public void friendshipsChanged(long agentId, long otherId) {
        for (long id : new long[] {agentId, otherId}) {
            invalidate(agents, id);
            invalidate(counts, id);
            invalidate(feeds, id);
        }
    }

    /** The loader's own failure, carried through the cache unchanged. */
    private static final class LoadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private static <V> @Nullable V read(CacheNamespace<V> ns, long id, Supplier<@Nullable V> load) {
        try {
            return ns.get(Long.toString(id), key -> {
                try {
                    return load.get();
                } catch (RuntimeException e) {
                    throw new LoadFailed(e);
                }
            });
        } catch (LoadFailed e) {
            throw (RuntimeException) java.util.Objects.requireNonNull(e.getCause());
        } catch (RuntimeException e) {
            log.warn("cache namespace {} failed to read key {}; reading PostgreSQL instead", ns.name(), id, e);
            return load.get();
        }
    }

    private static void invalidate(@Nullable CacheNamespace<?> ns, long id) {
        if (ns == null) {
            return;
        }
        try {
            ns.invalidate(Long.toString(id));
        } catch (RuntimeException e) {
            log.warn("cache namespace {} failed to invalidate key {}", ns.name(), id, e);
        }
    }
}
