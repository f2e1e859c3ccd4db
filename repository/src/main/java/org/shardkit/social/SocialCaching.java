package org.shardkit.social;

import java.time.Duration;
import java.util.List;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.TwoLevelCache;

/**
 * The namespaces the repository caches in, when given a {@link TwoLevelCache} ({@link
 * SocialRepositoryBuilder#cache}), and their recommended settings. Add them to the cache's settings
 * ({@code CacheSettings.builder().namespace(...)}, or {@code cache.namespaces} in shardkit.yaml):
 *
 * <pre>{@code
 * CacheSettings.Builder settings = CacheSettings.builder().redis(redis);
 * SocialCaching.namespaces().forEach(settings::namespace);
 * TwoLevelCache cache = TwoLevelCache.builder().settings(settings.build()).build();
 * SocialRepository social = SocialRepository.builder(db).cache(cache).build();
 * }</pre>
 *
 * <p>{@value #AGENTS} is required; {@value #FRIEND_COUNTS} and {@value #FEEDS} are used when
 * configured. What each may serve stale, and for how long, is in docs/social.md ("Cache").
 * Thread-safe (constants only).
 */
public final class SocialCaching {
    private SocialCaching() {}

    /** Agent profiles, by id; invalidated on every node by each profile change and deactivation. */
    public static final String AGENTS = "social.agents";
    /** Friend counts, by agent id; invalidated when the agent's own friendships change. */
    public static final String FRIEND_COUNTS = "social.friend-counts";
    /** The first {@value #FEED_HEAD} items of each feed, by agent id; invalidated when the agent's friendships change. */
    public static final String FEEDS = "social.feeds";
    /** How many items of a feed's head are cached: first pages of this many items or fewer are served from it. */
    public static final int FEED_HEAD = 100;
    /** Recommended TTL of friend counts and feed heads: 180 s (the seed's). */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(180);
    /** Recommended TTL of profiles: 10 minutes. */
    public static final Duration DEFAULT_PROFILE_TTL = Duration.ofMinutes(10);

    /**
     * Returns the recommended settings of the three namespaces. Profiles have no L1 (every read is
     * one Redis GET), so no node serves an old profile after the change's call returned; counts and
     * feeds keep an L1 for their TTL.
     */
    public static List<NamespaceSettings> namespaces() {
        return List.of(
                NamespaceSettings.builder(AGENTS)
                        .ttl(DEFAULT_PROFILE_TTL)
                        .localCache(false)
                        .build(),
                NamespaceSettings.builder(FRIEND_COUNTS).ttl(DEFAULT_TTL).build(),
                NamespaceSettings.builder(FEEDS).ttl(DEFAULT_TTL).build());
    }
}
