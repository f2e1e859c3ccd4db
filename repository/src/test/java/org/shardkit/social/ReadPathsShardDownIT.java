package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.PartialResultException;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/**
 * One shard's server stopped: the feed asks only the shards that hold friends, so an agent whose
 * friends live elsewhere still reads it; the compatible search under PARTIAL answers without the
 * stopped shard and names it, and refuses to pass for complete; under FAIL_FAST it fails naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadPathsShardDownIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    ShardedDatabase db;
    SocialRepository social;

    @BeforeAll
    void open() {
        db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
        social = SocialRepository.create(db);
    }

    @AfterAll
    void close() {
        social.close();
        db.close();
    }

    ShardId shardOf(long id) {
        return db.shardOf(ShardKey.of(id));
    }

    @Test
    void feed_ofAnAgentWhoseFriendsAreElsewhere_works_andCompatibleSearch_namesTheStoppedShard() {
        servers.assumeRestartableServers();
        Agent reader = SocialTestbed.agent(social, "Reader");
        ShardId down = new ShardId((shardOf(reader.id()).value() + 1) % 4);
        List<Agent> friends = new ArrayList<>();
        List<Agent> others = new ArrayList<>();
        List<Agent> onStopped = new ArrayList<>();
        while (others.size() < 3 || onStopped.isEmpty()) {
            Agent a = SocialTestbed.agent(social, "Peer");
            (shardOf(a.id()).equals(down) ? onStopped : friends.size() < 4 ? friends : others).add(a);
        }
        for (Agent f : friends) {
            social.requestFriendship(reader.id(), f.id());
            social.acceptFriendship(f.id(), reader.id());
            social.recordInteractionNow(f.id(), reader.id(), InteractionType.MESSAGE, "from " + f.handle());
        }
        assertThat(social.awaitConverged(Duration.ofSeconds(20))).isTrue();
        List<FeedItem> before = social.feed(reader.id(), 50, null).items();
        assertThat(before).hasSize(4);

        TestShard stopped = servers.shard(down.value());
        stopped.stopServer();
        try {
            assertThat(social.feed(reader.id(), 50, null).items()).isEqualTo(before);

            CompatibleAgents partial = social.compatibleAgents(
                    reader.id(), 10, CompatibleOptions.defaults().withDeadline(Duration.ofSeconds(5)));
            assertThat(partial.isComplete()).isFalse();
            assertThat(partial.missingShards()).containsExactly(down);
            assertThat(partial.availableAgents())
                    .extracting(c -> c.agent().id())
                    .containsExactlyInAnyOrderElementsOf(
                            others.stream().map(Agent::id).toList());
            assertThatThrownBy(partial::requireComplete)
                    .isInstanceOf(PartialResultException.class)
                    .hasMessageContaining("1 of 4 shards missing");

            assertThatThrownBy(() -> social.compatibleAgents(
                            reader.id(), 10, CompatibleOptions.defaults().withPolicy(FailurePolicy.FAIL_FAST)))
                    .isInstanceOfSatisfying(
                            ShardkitException.class,
                            e -> assertThat(e.shardId()).isEqualTo(down));
        } finally {
            stopped.startServer();
        }
    }
}
