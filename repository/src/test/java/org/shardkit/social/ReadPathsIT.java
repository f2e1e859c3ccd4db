package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;

/**
 * Every read path against a brute-force answer over randomised data on 4 shards (bulk rows in the
 * domain's shape, plus rows the domain API writes), page by page to the end; and the statements
 * each path sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadPathsIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    final StatementCounter counter = new StatementCounter();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Long> sample = new ArrayList<>();
    ShardedDatabase db;
    SocialRepository social;
    ReadPathsData data;
    BruteForce all;
    long community;

    @BeforeAll
    void open() {
        db = ShardedDatabase.builder(SocialTestbed.config(servers, b -> b))
                .configureJdbi(counter::install)
                .build();
        SocialRepository.migrate(db);
        social = SocialRepository.builder(db)
                .clock(FakeClock.at(NOW))
                .meterRegistry(registry)
                .build();
        data = new ReadPathsData(db, 14L, NOW);
        data.write(2600, 20_000);
        writeThroughTheDomain();
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        all = new BruteForce(db);
        sample.addAll(data.hubs);
        List<Long> ids = new ArrayList<>(all.agents.keySet());
        java.util.Collections.sort(ids);
        java.util.Collections.shuffle(ids, new Random(7));
        sample.addAll(ids.subList(0, 40));
    }

    /** Rows the domain writes itself: agents, friendships in every state, interactions (one clock tick: all tie), a community. */
    private void writeThroughTheDomain() {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(SocialTestbed.agent(social, "Domain"));
        }
        long hub = data.hubs.get(2);
        for (int i = 1; i < 6; i++) {
            social.requestFriendship(agents.get(0).id(), agents.get(i).id());
            social.acceptFriendship(agents.get(i).id(), agents.get(0).id());
            social.recordInteractionNow(agents.get(i).id(), agents.get(0).id(), InteractionType.MESSAGE, "hi " + i);
            social.recordInteractionNow(agents.get(i).id(), hub, InteractionType.SHARE, "look " + i);
        }
        social.requestFriendship(agents.get(6).id(), agents.get(0).id());
        social.requestFriendship(agents.get(0).id(), agents.get(7).id());
        social.block(agents.get(1).id(), agents.get(7).id());
        social.requestFriendship(agents.get(3).id(), hub);
        social.acceptFriendship(hub, agents.get(3).id());
        social.deactivate(agents.get(5).id());
        community = social.createCommunity(agents.get(0).id(), "Readers", "").id();
        for (Agent a : agents.subList(1, 5)) {
            social.joinCommunity(a.id(), community);
        }
        agents.forEach(a -> sample.add(a.id()));
    }

    @AfterAll
    void close() {
        social.close();
        db.close();
    }

    /** Reads a list page by page to the end, checking each page's size. */
    static <T> List<T> walk(Function<String, Page<T>> read, int limit) {
        List<T> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = read.apply(cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            if (page.nextCursor() != null) {
                assertThat(page.items()).hasSize(limit);
            }
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    @Test
    void feed_pageByPage_isTheBruteForceFeed_everyItemOnceInOrder() {
        assertThat(data.hubs).hasSize(ReadPathsData.HUB_FRIENDS.length);
        int items = 0;
        for (long agent : sample) {
            List<FeedItem> expected = all.feed(agent);
            int limit = expected.size() > 5000 ? 1000 : expected.size() > 1000 ? 97 : 7;
            List<FeedItem> read = walk(c -> social.feed(agent, limit, c), limit);
            assertThat(read).as("feed of %s", agent).isEqualTo(expected);
            assertThat(new HashSet<>(
                            read.stream().map(f -> f.interaction().id()).toList()))
                    .hasSize(read.size());
            items += read.size();
        }
        assertThat(all.feed(data.hubs.get(4))).hasSizeGreaterThan(500);
        assertThat(all.feed(data.hubs.get(5))).hasSizeGreaterThan(5000);
        assertThat(all.feed(data.hubs.get(0))).isEmpty();
        assertThat(items).isGreaterThan(5000);
    }

    @Test
    void friendLists_inBothOrders_andRequestsBothWays_areTheBruteForceLists() {
        int rows = 0;
        for (long agent : sample) {
            for (FriendOrder order : FriendOrder.values()) {
                List<Friendship> expected = all.friends(agent, order);
                int limit = expected.size() > 1000 ? 487 : 13;
                assertThat(walk(c -> social.friends(agent, order, limit, c), limit))
                        .as("friends of %s by %s", agent, order)
                        .isEqualTo(expected);
                rows += expected.size();
            }
            for (RequestDirection d : RequestDirection.values()) {
                List<Friendship> expected = all.requests(agent, d);
                assertThat(walk(c -> social.friendRequests(agent, d, 2, c), 2))
                        .as("requests %s of %s", d, agent)
                        .isEqualTo(expected);
                rows += expected.size();
            }
        }
        assertThat(all.friends(data.hubs.get(4), FriendOrder.RECENT)).hasSize(2200);
        assertThat(all.friends(data.hubs.get(5), FriendOrder.STRENGTH)).hasSize(20_000);
        assertThat(rows).isGreaterThan(4400);
    }

    @Test
    void compatibleAgents_areTheBruteForceTopK_tiesByLowerId() {
        SocialSettings settings = social.settings();
        for (long agent : sample.subList(0, 14)) {
            for (int k : new int[] {1, 10, 200}) {
                CompatibleAgents found = social.compatibleAgents(agent, k);
                assertThat(found.isComplete()).isTrue();
                assertThat(found.requireComplete())
                        .as("top %s for %s", k, agent)
                        .isEqualTo(all.compatible(agent, k, settings, NOW));
            }
        }
        long popular = sample.stream()
                .filter(a -> all.compatible(a, 200, settings, NOW).size() == 200)
                .findFirst()
                .orElseThrow();
        List<CompatibleAgent> many = social.compatibleAgents(popular, 200).requireComplete();
        assertThat(many).isEqualTo(all.compatible(popular, 200, settings, NOW));
        assertThat(many.stream().map(CompatibleAgent::score).distinct().count())
                .as("ties exist, so the id order is tested")
                .isLessThan(200);
    }

    /** Settings whose candidate bound no shard of the test data reaches: the exact ranking. */
    static final SocialSettings EVERY_CANDIDATE =
            SocialSettings.builder().compatibleCandidates(1_000_000).build();

    @Test
    void compatibleAgents_scoreEachShardsMostRecentlyActiveCandidatesOnly() {
        SocialSettings few = SocialSettings.builder().compatibleCandidates(30).build();
        try (SocialRepository capped = SocialRepository.builder(db)
                .clock(FakeClock.at(NOW))
                .settings(few)
                .build()) {
            int differing = 0;
            for (long agent : sample.subList(0, 14)) {
                List<CompatibleAgent> found = capped.compatibleAgents(agent, 20).requireComplete();
                assertThat(found).as("agent %s", agent).isEqualTo(all.compatible(agent, 20, few, NOW));
                if (!found.equals(all.compatible(agent, 20, EVERY_CANDIDATE, NOW))) {
                    differing++;
                }
                // A limit above the bound: each shard scores that many candidates instead.
                assertThat(capped.compatibleAgents(agent, 100).requireComplete())
                        .as("agent %s, limit 100", agent)
                        .isEqualTo(all.compatible(agent, 100, few, NOW))
                        .hasSize(Math.min(
                                100,
                                all.compatible(agent, 1000, EVERY_CANDIDATE, NOW)
                                        .size()));
            }
            assertThat(differing)
                    .as("seekers whose top 20 from 30 candidates a shard differs from the exact top 20")
                    .isGreaterThan(3);
        }
    }

    @Test
    void inbox_andCommunityMembers_areKeysetPagesOfTheBruteForceRows() {
        for (long agent : sample) {
            assertThat(walk(c -> social.interactionsReceived(agent, 3, c), 3)).isEqualTo(all.received(agent));
        }
        List<Long> members = walk(c -> social.communityMembers(community, 2, c), 2);
        assertThat(members).hasSize(5).isSorted();
    }

    @Test
    void feed_sendsOneStatementForTheFriends_andOnePerShardHoldingFriends_whateverTheFriendCount() {
        for (long agent : data.hubs) {
            int friendShards = db.shardsOf(all.friends(agent, FriendOrder.STRENGTH).stream()
                            .map(f -> ShardKey.of(f.friendId()))
                            .toList())
                    .size();
            List<String> first = counter.during(() -> social.feed(agent, 50, null));
            assertThat(first).as("feed of %s", agent).hasSize(1 + friendShards);
            Page<FeedItem> page = social.feed(agent, 50, null);
            if (page.nextCursor() != null) {
                assertThat(counter.during(() -> social.feed(agent, 50, page.nextCursor())))
                        .hasSize(1 + friendShards);
            }
        }
        assertThat(counter.during(() -> social.feed(data.hubs.get(5), 1000, null)))
                .hasSize(1 + 4);
        assertThat(counter.during(() -> social.friends(data.hubs.get(4), FriendOrder.RECENT, 1000, null)))
                .hasSize(1);
        assertThat(counter.during(() -> social.compatibleAgents(data.hubs.get(4), 20)))
                .hasSize(2 + 4);
    }

    @Test
    void cursors_thatWereEdited_orComeFromAnotherList_areRefusedNamingTheCursor() {
        long hub = data.hubs.get(4);
        String cursor =
                java.util.Objects.requireNonNull(social.feed(hub, 5, null).nextCursor());
        char[] edited = cursor.toCharArray();
        edited[10] = edited[10] == 'A' ? 'B' : 'A';
        for (Runnable bad : List.<Runnable>of(
                () -> social.feed(hub, 5, new String(edited)),
                () -> social.feed(data.hubs.get(3), 5, cursor),
                () -> social.friends(hub, FriendOrder.STRENGTH, 5, cursor),
                () -> social.feed(hub, 5, "not a cursor"))) {
            assertThatThrownBy(bad::run)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("cursor"));
        }
        String byStrength = social.friends(hub, FriendOrder.STRENGTH, 5, null).nextCursor();
        assertThatThrownBy(() -> social.friends(hub, FriendOrder.RECENT, 5, byStrength))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("friends_by_recent of " + hub);
    }

    @Test
    @SuppressWarnings("NullAway") // passes nulls on purpose
    void badArguments_andUnknownAgents_areNamed() {
        long hub = data.hubs.get(1);
        assertThatThrownBy(() -> social.feed(hub, 0, null)).hasMessageStartingWith("limit must be between 1 and 1000");
        assertThatThrownBy(() -> social.feed(-1, 5, null)).hasMessageStartingWith("agentId must be a positive id");
        assertThatThrownBy(() -> social.friends(hub, null, 5, null)).hasMessageStartingWith("order must not be null");
        assertThatThrownBy(() -> social.friendRequests(hub, null, 5, null))
                .hasMessageStartingWith("direction must not be null");
        assertThatThrownBy(() -> social.compatibleAgents(hub, 5, null))
                .hasMessageStartingWith("options must not be null");
        assertThatThrownBy(() -> CompatibleOptions.defaults().withDeadline(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("deadline must be between 1ms and 1m");
        long unknown = Long.MAX_VALUE - 5;
        for (Runnable read : List.<Runnable>of(
                () -> social.feed(unknown, 5, null),
                () -> social.friends(unknown, FriendOrder.STRENGTH, 5, null),
                () -> social.friendRequests(unknown, RequestDirection.RECEIVED, 5, null),
                () -> social.compatibleAgents(unknown, 5))) {
            assertThatThrownBy(read::run)
                    .isInstanceOfSatisfying(
                            AgentNotFoundException.class,
                            e -> assertThat(e.agentId()).isEqualTo(unknown));
        }
    }

    @Test
    void eachPath_isTimed_underItsOperation() {
        social.feed(data.hubs.get(2), 5, null);
        social.friendCount(data.hubs.get(2));
        for (ReadMeters.Path path : ReadMeters.Path.values()) {
            assertThat(registry.find(ReadMeters.TIMER)
                            .tags("operation", path.tag(), "outcome", "success")
                            .timer())
                    .as(path.tag())
                    .isNotNull();
        }
        assertThat(registry.get(ReadMeters.TIMER)
                        .tags("operation", "feed", "outcome", "success")
                        .timer()
                        .count())
                .isPositive();
    }
}
