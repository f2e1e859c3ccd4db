package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.social.SocialTestbed.agent;
import static org.shardkit.social.SocialTestbed.agentOn;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** The repository's contract with two-phase commit off: the other side of each change comes through the outbox. */
class SocialOutboxIT extends SocialRepositoryContract {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @Override
    ShardedDatabase openDatabase() {
        return SocialTestbed.open(SocialTestbed.config(servers, b -> b));
    }

    @Override
    CrossShardMode mode() {
        return CrossShardMode.OUTBOX;
    }

    @Test
    void the_mode_follows_the_database_when_not_chosen() {
        try (SocialRepository chosen = SocialRepository.create(db)) {
            assertThat(chosen.crossShardMode()).isEqualTo(CrossShardMode.OUTBOX);
        }
    }

    @Test
    void with_the_other_shard_down_a_change_fails_naming_it_and_writes_nothing() {
        servers.assumeRestartableServers();
        Agent a = agent(social, "Away");
        Agent b = agentOn(social, db, a, false);
        social.requestFriendship(a.id(), b.id());
        converge();
        TestShard other = servers.shard(shardOf(a.id()).value());
        other.stopServer();
        try {
            assertThatThrownBy(() -> social.acceptFriendship(b.id(), a.id()))
                    .isInstanceOfSatisfying(
                            ShardkitException.class,
                            e -> assertThat(e.shardId()).isEqualTo(shardOf(a.id())));
        } finally {
            other.startServer();
        }
        assertThat(social.awaitConverged(Duration.ofSeconds(20))).isTrue();
        assertThat(social.friendship(b.id(), a.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.PENDING);
        assertThat(social.friendship(a.id(), b.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.PENDING);
        social.acceptFriendship(b.id(), a.id());
        converge();
        assertThat(social.friendship(a.id(), b.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.ACCEPTED);
        assertThat(java.util.List.of(social.friendCount(a.id()), social.friendCount(b.id())))
                .containsOnly(1);
    }
}
