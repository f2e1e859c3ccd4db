package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/**
 * The repository on a class path without its optional shard-cache, as an application that does not
 * cache has it (run by the failsafe execution {@code without-shard-cache}): it builds, and every read
 * path reads PostgreSQL.
 */
class WithoutShardCacheIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @Test
    void classPath_hasNoShardCache() {
        assertThatThrownBy(() -> Class.forName("org.shardkit.cache.TwoLevelCache"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aRepositoryWithoutACache_buildsAndEveryReadPathReads() {
        try (ShardedDatabase db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
                SocialRepository social = SocialRepository.create(db)) {
            Agent a = SocialTestbed.agent(social, "Uncached");
            Agent b = SocialTestbed.agent(social, "Friend");
            social.requestFriendship(a.id(), b.id());
            social.acceptFriendship(b.id(), a.id());
            social.recordInteractionNow(b.id(), a.id(), InteractionType.MESSAGE, "no cache here");
            social.updateProfile(a.id(), ProfileUpdate.none().withName("Renamed"));
            assertThat(social.awaitConverged(java.time.Duration.ofSeconds(20))).isTrue();
            assertThat(social.agent(a.id()).name()).isEqualTo("Renamed");
            assertThat(social.friendCount(a.id())).isEqualTo(1);
            assertThat(social.feed(a.id(), 10, null).items()).hasSize(1);
            assertThat(social.friends(a.id(), FriendOrder.RECENT, 10, null).items())
                    .extracting(Friendship::friendId)
                    .containsExactly(b.id());
            assertThat(social.compatibleAgents(a.id(), 10).requireComplete()).isEmpty();
        }
    }
}
