package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/**
 * The read cache on two nodes (two repositories, two caches) over one Redis: what one node changes
 * the other never serves old after the change returns; friend counts and feeds follow the agents'
 * friendships; Redis down never fails a read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadCacheIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).redis().build();

    ShardedDatabase db;
    TwoLevelCache cacheA;
    TwoLevelCache cacheB;
    SocialRepository nodeA;
    SocialRepository nodeB;

    @BeforeAll
    void open() {
        db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
        cacheA = cache("node-a", SocialCaching.namespaces());
        cacheB = cache("node-b", SocialCaching.namespaces());
        nodeA = SocialRepository.builder(db).cache(cacheA).build();
        nodeB = SocialRepository.builder(db).cache(cacheB).build();
    }

    @AfterAll
    void close() {
        nodeA.close();
        nodeB.close();
        cacheA.close();
        cacheB.close();
        db.close();
    }

    static TwoLevelCache cache(String name, List<NamespaceSettings> namespaces) {
        CacheSettings.Builder settings = CacheSettings.builder()
                .keyPrefix(servers.redis().keyPrefix())
                .redis(RedisSettings.builder()
                        .host(servers.redis().host())
                        .port(servers.redis().port())
                        .password(servers.redis().password())
                        .build());
        namespaces.forEach(settings::namespace);
        return TwoLevelCache.builder().name(name).settings(settings.build()).build();
    }

    void converge() {
        assertThat(nodeA.awaitConverged(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void afterAProfileUpdateOnOneNode_theOtherNeverServesTheOldProfile() {
        Agent ada = SocialTestbed.agent(nodeA, "Ada");
        for (int i = 0; i < 40; i++) {
            assertThat(nodeB.agent(ada.id()).name()).isEqualTo(i == 0 ? ada.name() : "Ada " + (i - 1));
            assertThat(nodeB.agent(ada.id())).isEqualTo(nodeB.agent(ada.id())); // now served from the cache
            nodeA.updateProfile(ada.id(), ProfileUpdate.none().withName("Ada " + i));
            assertThat(nodeB.agent(ada.id()).name()).as("update %s", i).isEqualTo("Ada " + i);
            assertThat(nodeA.agent(ada.id()).name()).isEqualTo("Ada " + i);
        }
        nodeB.agent(ada.id());
        nodeA.deactivate(ada.id());
        assertThat(nodeB.agent(ada.id()).status()).isEqualTo(AgentStatus.DEACTIVATED);
    }

    @Test
    void friendCounts_andFeeds_followTheAgentsOwnFriendships_onEveryNode() {
        Agent a = SocialTestbed.agent(nodeA, "Counted");
        Agent b = SocialTestbed.agent(nodeA, "Friend");
        nodeA.recordInteractionNow(b.id(), a.id(), InteractionType.MESSAGE, "before we were friends");
        converge();
        assertThat(nodeB.friendCount(a.id())).isZero();
        assertThat(nodeB.friendCount(b.id())).isZero();
        assertThat(nodeB.feed(a.id(), 10, null).items()).isEmpty();

        nodeA.requestFriendship(a.id(), b.id());
        nodeA.acceptFriendship(b.id(), a.id());
        converge();
        assertThat(List.of(nodeB.friendCount(a.id()), nodeB.friendCount(b.id())))
                .containsOnly(1);
        assertThat(nodeB.feed(a.id(), 10, null).items())
                .extracting(f -> f.interaction().content())
                .containsExactly("before we were friends");

        nodeA.removeFriend(a.id(), b.id());
        converge();
        assertThat(nodeB.friendCount(b.id())).isZero();
        assertThat(nodeB.feed(a.id(), 10, null).items()).isEmpty();
    }

    @Test
    void aFirstPageFromTheCachedHead_continuesFromTheShards() {
        Agent reader = SocialTestbed.agent(nodeA, "Reader");
        Agent writer = SocialTestbed.agent(nodeA, "Writer");
        nodeA.requestFriendship(reader.id(), writer.id());
        nodeA.acceptFriendship(writer.id(), reader.id());
        for (int i = 0; i < 9; i++) {
            nodeA.recordInteractionNow(writer.id(), reader.id(), InteractionType.COMMENT, "item " + i);
        }
        converge();
        Page<FeedItem> cached = nodeB.feed(reader.id(), 4, null);
        assertThat(nodeB.feed(reader.id(), 4, null)).isEqualTo(cached);
        List<FeedItem> all = ReadPathsIT.walk(c -> nodeB.feed(reader.id(), 4, c), 4);
        assertThat(all)
                .extracting(f -> f.interaction().content())
                .containsExactly(
                        "item 8", "item 7", "item 6", "item 5", "item 4", "item 3", "item 2", "item 1", "item 0");
        assertThat(all).extracting(FeedItem::authorName).containsOnly(writer.name());
    }

    @Test
    void withRedisDown_readsGoToPostgres_andNeverFail() {
        Agent ada = SocialTestbed.agent(nodeA, "Offline");
        nodeB.agent(ada.id());
        servers.redis().stopServer();
        try {
            nodeA.updateProfile(ada.id(), ProfileUpdate.none().withName("Renamed offline"));
            assertThat(nodeA.agent(ada.id()).name()).isEqualTo("Renamed offline");
            assertThat(nodeA.friendCount(ada.id())).isZero();
            assertThat(nodeA.feed(ada.id(), 5, null).items()).isEmpty();
        } finally {
            servers.redis().startServer();
        }
    }

    @Test
    void aCacheWithoutTheProfileNamespace_isRefusedNamingIt() {
        try (TwoLevelCache bare = cache("bare", List.of(NamespaceSettings.of("other")))) {
            assertThatThrownBy(() -> SocialRepository.builder(db).cache(bare))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cache must have the namespace 'social.agents'");
        }
    }
}
