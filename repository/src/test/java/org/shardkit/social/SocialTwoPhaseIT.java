package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.social.SocialTestbed.agent;
import static org.shardkit.social.SocialTestbed.agentOn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** The repository's contract with two-phase commit: both sides of each change in one atomic unit. */
class SocialTwoPhaseIT extends SocialRepositoryContract {
    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("max_prepared_transactions", "16")
            .build();

    @Override
    ShardedDatabase openDatabase() {
        return SocialTestbed.open(SocialTestbed.config(
                servers, b -> b.twoPhase(TwoPhaseConfig.builder().enabled(true).build())));
    }

    @Override
    CrossShardMode mode() {
        return CrossShardMode.TWO_PHASE_COMMIT;
    }

    @Test
    void the_mode_follows_the_database_when_not_chosen() {
        try (SocialRepository chosen = SocialRepository.create(db)) {
            assertThat(chosen.crossShardMode()).isEqualTo(CrossShardMode.TWO_PHASE_COMMIT);
        }
    }

    @Test
    void with_the_other_shard_down_an_accept_fails_naming_it_and_changes_neither_side() {
        servers.assumeRestartableServers();
        Agent a = agent(social, "Down");
        Agent b = agentOn(social, db, a, false);
        social.requestFriendship(a.id(), b.id());
        TestShard other = servers.shard(shardOf(b.id()).value());
        other.stopServer();
        try {
            assertThatThrownBy(() -> social.acceptFriendship(b.id(), a.id()))
                    .isInstanceOfSatisfying(
                            ShardkitException.class,
                            e -> assertThat(e.shardId()).isEqualTo(shardOf(b.id())));
        } finally {
            other.startServer();
        }
        assertThat(social.friendship(a.id(), b.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.PENDING);
        assertThat(social.friendship(b.id(), a.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.PENDING);
        assertThat(social.friendCount(a.id())).isZero();
        social.acceptFriendship(b.id(), a.id());
        assertThat(social.friendship(a.id(), b.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.ACCEPTED);
    }
}
