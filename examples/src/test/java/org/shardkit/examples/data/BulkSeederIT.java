package org.shardkit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.social.Agent;
import org.shardkit.social.CompatibleAgent;
import org.shardkit.social.FeedItem;
import org.shardkit.social.FriendOrder;
import org.shardkit.social.Friendship;
import org.shardkit.social.InteractionType;
import org.shardkit.social.Page;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/**
 * A small graph seeded on four real shards, then read and written through the repository: every row
 * where the repository looks for it, every count matching the graph, and the repository's own writes
 * going on from the seeded state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkSeederIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    final SocialGraph graph = SocialGraph.generate(GraphSpec.defaults(2_000));
    final List<PhaseProgress> updates = new ArrayList<>();
    ShardedDatabase db;
    SocialRepository social;
    SeedReport report;
    Map<ShardId, List<String>> indexesBefore;
    Map<ShardId, List<String>> indexesAfter;

    @BeforeAll
    void seed() {
        db = ShardedDatabase.create(config(servers));
        SocialRepository.migrate(db);
        indexesBefore = indexes();
        report = BulkSeeder.builder(SeedTarget.sharded(db))
                .threads(2)
                .clock(FakeClock.at(NOW))
                .rebuildIndexes(true)
                .progress(updates::add)
                .build()
                .seed(graph);
        indexesAfter = indexes();
        social = SocialRepository.builder(db).clock(FakeClock.at(NOW)).build();
    }

    @AfterAll
    void close() {
        social.close();
        db.close();
    }

    static ShardkitConfig config(ShardServersExtension servers) {
        ShardkitConfig.Builder b =
                ShardkitConfig.builder().idgen(IdGenConfig.builder().workerId(7).build());
        for (TestShard s : servers.shards()) {
            b.shard(ShardConfig.builder(
                            s.index(),
                            "seed_" + s.index(),
                            EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password())))
                    .pool(PoolConfig.builder()
                            .maximumSize(6)
                            .minimumIdle(0)
                            .connectionTimeout(Duration.ofSeconds(10))
                            .build())
                    .build());
        }
        return b.build();
    }

    long total(String sql) {
        return db.shardIds().stream()
                .mapToLong(s -> db.withShardId(
                        s, h -> h.createQuery(sql).mapTo(Long.class).one()))
                .sum();
    }

    /** Every index of the social tables, shard by shard: table, name and definition. */
    Map<ShardId, List<String>> indexes() {
        String tables = java.util.Arrays.stream(SeedTable.values())
                .map(t -> "'" + t.table() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        Map<ShardId, List<String>> all = new TreeMap<>();
        for (ShardId shard : db.shardIds()) {
            all.put(
                    shard,
                    db.withShardId(
                            shard,
                            h -> h.createQuery("SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes"
                                            + " WHERE schemaname = current_schema() AND tablename IN (" + tables + ")"
                                            + " ORDER BY tablename, indexname")
                                    .mapTo(String.class)
                                    .list()));
        }
        return all;
    }

    long count(ShardId shard, String table) {
        return db.withShardId(
                shard,
                h -> h.createQuery("SELECT count(*) FROM " + table)
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void rebuildIndexes_restoresEveryIndex_byNameAndDefinition() {
        // Secondary (non-unique) indexes exist to be dropped and rebuilt: the comparison covers them.
        assertThat(indexesBefore.get(ShardId.of(0)))
                .anySatisfy(i -> assertThat(i).startsWith("friendship ").doesNotContain("UNIQUE"));
        assertThat(indexesAfter).isEqualTo(indexesBefore);
    }

    /**
     * A stream that fails after its rows are copied (a statement trigger on one shard's agent_handle,
     * slow so that the phase's other streams are done by then) leaves none of the phase committed: the
     * earlier load stands on every shard.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aFailingStream_rollsBackEveryStreamOfItsPhase() {
        ShardId failing = ShardId.of(3);
        Map<ShardId, List<Long>> before = new TreeMap<>();
        for (ShardId shard : db.shardIds()) {
            before.put(shard, List.of(count(shard, "agent"), count(shard, "agent_handle")));
        }
        db.withShardId(
                failing,
                h -> h.execute("CREATE FUNCTION seed_it_fail() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN PERFORM pg_sleep(1); RAISE EXCEPTION 'injected failure'; END $$"));
        db.withShardId(
                failing,
                h -> h.execute("CREATE TRIGGER seed_it_fail AFTER INSERT ON agent_handle"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION seed_it_fail()"));
        try {
            BulkSeeder other = BulkSeeder.builder(SeedTarget.sharded(db))
                    .threads(2)
                    .clock(FakeClock.at(NOW))
                    .replaceExisting(true)
                    .build();
            SocialGraph smaller = SocialGraph.generate(GraphSpec.defaults(500));
            assertThatThrownBy(() -> other.seed(smaller))
                    .isInstanceOf(SeedException.class)
                    .hasMessageContaining("agent_handle")
                    .hasMessageContaining("shard 3");
        } finally {
            db.withShardId(failing, h -> h.execute("DROP FUNCTION seed_it_fail() CASCADE"));
        }
        for (ShardId shard : db.shardIds()) {
            assertThat(List.of(count(shard, "agent"), count(shard, "agent_handle")))
                    .as("agent, agent_handle rows on %s", shard)
                    .isEqualTo(before.get(shard));
        }
        assertThat(total("SELECT count(*) FROM agent")).isEqualTo(graph.agentCount());
    }

    @Test
    void rowCounts_equalTheGraphs() {
        assertThat(total("SELECT count(*) FROM agent")).isEqualTo(graph.agentCount());
        assertThat(total("SELECT count(*) FROM agent_handle")).isEqualTo(graph.agentCount());
        assertThat(total("SELECT count(*) FROM friendship")).isEqualTo(2 * graph.friendshipCount());
        assertThat(total("SELECT count(*) FROM interaction")).isEqualTo(graph.interactionCount());
        assertThat(total("SELECT count(*) FROM interaction_inbox")).isEqualTo(graph.interactionCount());
        assertThat(total("SELECT count(*) FROM community")).isEqualTo(graph.communityCount());
        assertThat(total("SELECT count(*) FROM community_member")).isEqualTo(graph.membershipCount());
        assertThat(total("SELECT count(*) FROM agent_community")).isEqualTo(graph.membershipCount());
        assertThat(report.rows())
                .isEqualTo(2L * graph.agentCount()
                        + 2 * graph.friendshipCount()
                        + 2 * graph.interactionCount()
                        + graph.communityCount()
                        + 2 * graph.membershipCount());
    }

    @Test
    void everyRow_onTheShardItsKeyRoutesTo() {
        String[][] keys = {
            {"agent", "id"}, {"friendship", "agent_id"}, {"interaction", "initiator_id"},
            {"interaction_inbox", "recipient_id"}, {"community", "id"}, {"community_member", "community_id"},
            {"agent_community", "agent_id"}
        };
        for (ShardId shard : db.shardIds()) {
            for (String[] k : keys) {
                List<Long> ids = db.withShardId(
                        shard,
                        h -> h.createQuery("SELECT DISTINCT " + k[1] + " FROM " + k[0])
                                .mapTo(Long.class)
                                .list());
                assertThat(ids).as("%s on %s", k[0], shard).isNotEmpty();
                ids.forEach(id -> assertThat(db.shardOf(ShardKey.of(id)))
                        .as("%s %d", k[0], id)
                        .isEqualTo(shard));
            }
            List<String> handles = db.withShardId(
                    shard,
                    h -> h.createQuery("SELECT handle FROM agent_handle")
                            .mapTo(String.class)
                            .list());
            handles.forEach(hd -> assertThat(db.shardOf(ShardKey.of(hd))).isEqualTo(shard));
        }
    }

    @Test
    void friendCounts_matchTheAcceptedRows_andTheGraph() {
        assertThat(total("SELECT count(*) FROM agent a WHERE friend_count <> (SELECT count(*) FROM friendship f"
                        + " WHERE f.agent_id = a.id AND f.status = 'accepted' AND f.peer_active)"))
                .isZero();
        // Both rows of a pair carry the same figures.
        for (int a = 0; a < 50; a++) {
            long id = graph.agentId(a);
            assertThat(social.friendCount(id)).isEqualTo(graph.friendCount(a));
            for (int k = 0; k < Math.min(5, graph.friendCount(a)); k++) {
                long other = graph.agentId(graph.friend(a, k));
                Friendship mine = social.friendship(id, other).orElseThrow();
                Friendship theirs = social.friendship(other, id).orElseThrow();
                assertThat(mine.interactionCount())
                        .isEqualTo(theirs.interactionCount())
                        .isEqualTo(graph.interactionsBetween(a, graph.friend(a, k)));
                assertThat(mine.strengthLevel()).isEqualTo(RowEncoders.strength(mine.interactionCount()));
                assertThat(mine.lastInteractionAt()).isEqualTo(theirs.lastInteractionAt());
                assertThat(mine.updatedAt()).isEqualTo(theirs.updatedAt()).isBefore(NOW);
            }
        }
    }

    @Test
    void friendLists_strongestFirst_theGraphsFriends() {
        int hub = graph.interactions().byActivity(0);
        for (int a : new int[] {hub, 1, 2, 3, 500, 1999}) {
            List<Friendship> all = new ArrayList<>();
            String cursor = null;
            do {
                Page<Friendship> page = social.friends(graph.agentId(a), FriendOrder.STRENGTH, 50, cursor);
                all.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            Set<Long> expected = new HashSet<>();
            for (int k = 0; k < graph.friendCount(a); k++) {
                expected.add(graph.agentId(graph.friend(a, k)));
            }
            assertThat(all).extracting(Friendship::friendId).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(all)
                    .isSortedAccordingTo(Comparator.comparingInt(Friendship::strengthLevel)
                            .thenComparingLong(Friendship::friendId)
                            .reversed());
        }
    }

    @Test
    void feed_newestInteractionsOfTheFriends_asTheGraphSays() {
        int reader = graph.interactions().byActivity(3);
        Set<Integer> friends = new HashSet<>();
        for (int k = 0; k < graph.friendCount(reader); k++) {
            friends.add(graph.friend(reader, k));
        }
        List<Long> expected = new ArrayList<>();
        for (int b = graph.interactions().blocks() - 1; b >= 0 && expected.size() < 20; b--) {
            List<Long> block = new ArrayList<>();
            graph.interactions().draw(b, (i, initiator, recipient, type, content) -> {
                if (friends.contains(initiator)) {
                    block.add(SocialGraph.INTERACTION_ID_BASE + i);
                }
            });
            java.util.Collections.reverse(block);
            expected.addAll(block);
        }
        Page<FeedItem> feed = social.feed(graph.agentId(reader), 20, null);

        assertThat(feed.items())
                .extracting(f -> f.interaction().id())
                .containsExactlyElementsOf(expected.subList(0, 20));
        assertThat(feed.items().get(0).interaction().createdAt()).isBefore(NOW).isAfter(NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void compatibleAgents_found_sharingAnInterest_notFriends() {
        for (int a : new int[] {0, 7, 1234}) {
            Agent me = social.agent(graph.agentId(a));
            List<CompatibleAgent> found = social.compatibleAgents(me.id(), 10).requireComplete();
            assertThat(found).hasSize(10);
            for (CompatibleAgent c : found) {
                assertThat(c.agent().id()).isNotEqualTo(me.id());
                assertThat(graph.areFriends(a, graph.agentIndex(c.agent().id())))
                        .isFalse();
                assertThat(c.agent().interests()).containsAnyElementsOf(me.interests());
            }
            assertThat(me.interests()).containsExactlyElementsOf(graph.agent(a).interests());
            assertThat(me.handle()).isEqualTo(graph.agent(a).handle());
            assertThat(social.agentByHandle(me.handle())).map(Agent::id).hasValue(me.id());
        }
    }

    @Test
    void communities_countsAndMembers() {
        for (int c = 0; c < graph.communityCount(); c++) {
            assertThat(social.community(graph.communityId(c)).orElseThrow().memberCount())
                    .isEqualTo(graph.memberCount(c));
        }
        int joiner = 0;
        while (graph.communitiesOf(joiner).length == 0) {
            joiner++;
        }
        assertThat(social.communitiesOf(graph.agentId(joiner), 100, null).items())
                .containsExactly(java.util.Arrays.stream(graph.communitiesOf(joiner))
                        .mapToObj(graph::communityId)
                        .toArray(Long[]::new));
    }

    /** Last: it changes rows the other tests compare with the graph. */
    @Test
    @Order(Integer.MAX_VALUE)
    void repositoryWrites_goOnFromTheSeededState() {
        SplittableRandom random = new SplittableRandom(11);
        AgentPair friends = graph.randomFriends(random);
        int before = social.friendship(friends.agentId(), friends.otherId())
                .orElseThrow()
                .interactionCount();
        social.recordInteractionNow(friends.agentId(), friends.otherId(), InteractionType.MESSAGE, "hello again");
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        assertThat(social.friendship(friends.otherId(), friends.agentId())
                        .orElseThrow()
                        .interactionCount())
                .isEqualTo(before + 1);

        AgentPair strangers = graph.randomNonFriends(random);
        int count = social.friendCount(strangers.otherId());
        social.requestFriendship(strangers.agentId(), strangers.otherId());
        social.acceptFriendship(strangers.otherId(), strangers.agentId());
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        assertThat(social.friendCount(strangers.otherId())).isEqualTo(count + 1);
    }

    @Test
    void progress_eachPhaseStartsAtZeroAndEndsComplete() {
        for (SeedPhase phase : SeedPhase.values()) {
            List<PhaseProgress> mine =
                    updates.stream().filter(p -> p.phase() == phase).toList();
            assertThat(mine).as(phase.label()).isNotEmpty();
            assertThat(mine.get(0).done()).isZero();
            assertThat(mine.get(mine.size() - 1).finished()).isTrue();
            assertThat(mine).extracting(PhaseProgress::done).isSorted();
        }
        assertThat(report.phase(SeedPhase.FRIENDSHIPS).done()).isEqualTo(2 * graph.friendshipCount());
    }
}
