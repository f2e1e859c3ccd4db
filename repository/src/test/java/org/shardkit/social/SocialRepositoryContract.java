package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.social.SocialTestbed.agent;
import static org.shardkit.social.SocialTestbed.agentOn;
import static org.shardkit.social.SocialTestbed.count;
import static org.shardkit.social.SocialTestbed.countPerShard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * What the social repository does, the same in each cross-shard mode: where rows live, the
 * friendship state machine on both rows, races, interactions and communities. Subclasses give the
 * servers and the mode; outbox-mode checks of the other side wait for the relay first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SocialRepositoryContract {
    ShardedDatabase db;
    SocialRepository social;

    /** Opens the database this class tests on. */
    abstract ShardedDatabase openDatabase();

    abstract CrossShardMode mode();

    @BeforeAll
    void open() {
        db = openDatabase();
        social = SocialRepository.builder(db).crossShardMode(mode()).build();
    }

    @AfterAll
    void close() {
        if (social != null) {
            social.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Waits until the other sides of the changes so far are written. */
    void converge() {
        assertThat(social.awaitConverged(Duration.ofSeconds(20)))
                .as("outbox drained")
                .isTrue();
    }

    ShardId shardOf(long id) {
        return db.shardOf(ShardKey.of(id));
    }

    @Test
    void an_agent_lives_on_the_shard_of_its_id_and_its_handle_on_the_shard_of_the_handle() {
        Agent a = agent(social, "Placed");
        assertThat(countPerShard(db, "SELECT count(*) FROM agent WHERE id = ?", a.id()))
                .isEqualTo(only(shardOf(a.id())));
        assertThat(countPerShard(
                        db, "SELECT count(*) FROM agent_handle WHERE handle = ? AND agent_id = ?", a.handle(), a.id()))
                .isEqualTo(only(db.shardOf(ShardKey.of(a.handle()))));
        assertThat(a.handle()).isEqualTo(a.handle().toLowerCase(java.util.Locale.ROOT));
        assertThat(social.agent(a.id())).isEqualTo(a);
        assertThat(social.agentByHandle(a.handle().toUpperCase(java.util.Locale.ROOT)))
                .contains(a);
    }

    @Test
    void a_friendship_is_two_rows_one_per_endpoint_that_agree_after_every_transition() {
        Agent a = agent(social, "Ann");
        Agent b = agentOn(social, db, a, false);
        assertFriendship(a, b, social.requestFriendship(a.id(), b.id()), FriendshipStatus.PENDING, 0);
        Friendship accepted = social.acceptFriendship(b.id(), a.id());
        assertThat(accepted.agentId()).isEqualTo(b.id());
        assertFriendship(a, b, accepted, FriendshipStatus.ACCEPTED, 1);
        assertFriendship(a, b, social.block(a.id(), b.id()), FriendshipStatus.BLOCKED, 0);
        assertThat(social.friendship(b.id(), a.id()).orElseThrow().blockedBy()).isEqualTo(a.id());
        social.unblock(a.id(), b.id());
        converge();
        assertThat(countPerShard(db, "SELECT count(*) FROM friendship WHERE ? IN (agent_id, friend_id)", a.id()))
                .containsOnly(0L);
        assertFriendship(a, b, social.requestFriendship(b.id(), a.id()), FriendshipStatus.PENDING, 0);
        assertFriendship(a, b, social.declineFriendship(a.id(), b.id()), FriendshipStatus.DECLINED, 0);
        assertFriendship(a, b, social.requestFriendship(a.id(), b.id()), FriendshipStatus.PENDING, 0);
        social.acceptFriendship(b.id(), a.id());
        social.removeFriend(b.id(), a.id());
        converge();
        assertThat(social.friendship(a.id(), b.id())).isEmpty();
        assertThat(social.friendship(b.id(), a.id())).isEmpty();
        assertThat(List.of(social.friendCount(a.id()), social.friendCount(b.id())))
                .containsOnly(0);
    }

    /** Both rows show the state on their own shard only, and both agents' counts match it. */
    void assertFriendship(Agent a, Agent b, Friendship returned, FriendshipStatus status, int friends) {
        converge();
        assertThat(returned.status()).isEqualTo(status);
        Friendship ab = social.friendship(a.id(), b.id()).orElseThrow();
        Friendship ba = social.friendship(b.id(), a.id()).orElseThrow();
        assertThat(List.of(ab.status(), ba.status())).containsOnly(status);
        assertThat(ab.requestedBy()).isEqualTo(ba.requestedBy());
        assertThat(ab.updatedAt()).isEqualTo(ba.updatedAt());
        assertThat(countPerShard(
                        db, "SELECT count(*) FROM friendship WHERE agent_id = ? AND friend_id = ?", a.id(), b.id()))
                .isEqualTo(only(shardOf(a.id())));
        assertThat(countPerShard(
                        db, "SELECT count(*) FROM friendship WHERE agent_id = ? AND friend_id = ?", b.id(), a.id()))
                .isEqualTo(only(shardOf(b.id())));
        assertThat(List.of(social.friendCount(a.id()), social.friendCount(b.id())))
                .containsOnly(friends);
    }

    @Test
    void illegal_transitions_are_refused_with_their_error_and_change_nothing() {
        Agent a = agent(social, "Ill");
        Agent b = agentOn(social, db, a, false);
        assertThatThrownBy(() -> social.acceptFriendship(b.id(), a.id()))
                .isInstanceOf(FriendRequestNotFoundException.class)
                .hasMessageContaining("agent " + a.id());
        social.requestFriendship(a.id(), b.id());
        assertThatThrownBy(() -> social.requestFriendship(a.id(), b.id()))
                .isInstanceOf(DuplicateFriendRequestException.class);
        assertThatThrownBy(() -> social.acceptFriendship(a.id(), b.id()))
                .isInstanceOf(FriendRequestNotFoundException.class);
        assertThatThrownBy(() -> social.requestFriendship(a.id(), a.id()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.value()).isEqualTo(a.id()));
        assertThatThrownBy(() -> social.requestFriendship(a.id(), 987_654_321L))
                .isInstanceOfSatisfying(
                        AgentNotFoundException.class,
                        e -> assertThat(e.agentId()).isEqualTo(987_654_321L));
        converge();
        assertThat(social.friendship(b.id(), a.id()).orElseThrow().status()).isEqualTo(FriendshipStatus.PENDING);
        assertThat(social.friendship(a.id(), b.id()).orElseThrow().requestedBy())
                .isEqualTo(a.id());
    }

    @Test
    void concurrent_accepts_of_one_request_make_one_friendship() throws Exception {
        for (int round = 0; round < 3; round++) {
            Agent a = agent(social, "Race");
            Agent b = agentOn(social, db, a, false);
            social.requestFriendship(a.id(), b.id());
            List<Object> outcomes = race(8, () -> social.acceptFriendship(b.id(), a.id()));
            assertThat(outcomes).filteredOn(o -> o instanceof Friendship).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !(o instanceof Friendship))
                    .allSatisfy(o -> assertThat(o).isInstanceOf(FriendRequestNotFoundException.class));
            converge();
            assertThat(List.of(social.friendCount(a.id()), social.friendCount(b.id())))
                    .containsOnly(1);
            assertThat(List.of(
                            social.friendship(a.id(), b.id()).orElseThrow().status(),
                            social.friendship(b.id(), a.id()).orElseThrow().status()))
                    .containsOnly(FriendshipStatus.ACCEPTED);
        }
    }

    @Test
    void an_accept_racing_a_block_ends_blocked_on_both_shards() throws Exception {
        for (int round = 0; round < 4; round++) {
            Agent a = agent(social, "Blk");
            Agent b = agentOn(social, db, a, round % 2 == 0);
            social.requestFriendship(a.id(), b.id());
            List<Object> outcomes = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Object> accept = pool.submit(() -> attempt(() -> social.acceptFriendship(b.id(), a.id())));
                Future<Object> block = pool.submit(() -> attempt(() -> social.block(a.id(), b.id())));
                outcomes.add(accept.get(30, TimeUnit.SECONDS));
                outcomes.add(block.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
            assertThat(outcomes.get(1)).isInstanceOf(Friendship.class);
            assertThat(outcomes.get(0)).isInstanceOfAny(Friendship.class, FriendRequestNotFoundException.class);
            converge();
            Friendship ab = social.friendship(a.id(), b.id()).orElseThrow();
            Friendship ba = social.friendship(b.id(), a.id()).orElseThrow();
            assertThat(List.of(ab.status(), ba.status())).containsOnly(FriendshipStatus.BLOCKED);
            assertThat(List.of(ab.blockedBy(), ba.blockedBy())).containsOnly(a.id());
            assertThat(List.of(social.friendCount(a.id()), social.friendCount(b.id())))
                    .containsOnly(0);
        }
    }

    @Test
    void an_interaction_lives_with_its_initiator_and_its_inbox_copy_with_its_recipient() {
        Agent a = agent(social, "Talk");
        Agent b = agentOn(social, db, a, false);
        social.requestFriendship(a.id(), b.id());
        social.acceptFriendship(b.id(), a.id());
        // The pair's figures agree once both rows are accepted (in outbox mode, after the relay).
        converge();
        Interaction sent = social.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, "hi 'b' \\ \"there\"");
        Interaction back = social.recordInteractionNow(b.id(), a.id(), InteractionType.REACTION, "👍");
        converge();
        assertThat(countPerShard(db, "SELECT count(*) FROM interaction WHERE id = ?", sent.id()))
                .isEqualTo(only(shardOf(a.id())));
        assertThat(countPerShard(db, "SELECT count(*) FROM interaction_inbox WHERE id = ?", sent.id()))
                .isEqualTo(only(shardOf(b.id())));
        assertThat(social.interactionsSent(a.id(), 10, null).items()).containsExactly(sent);
        assertThat(social.interactionsReceived(b.id(), 10, null).items()).containsExactly(sent);
        assertThat(social.interactionsReceived(a.id(), 10, null).items()).containsExactly(back);
        Friendship ab = social.friendship(a.id(), b.id()).orElseThrow();
        Friendship ba = social.friendship(b.id(), a.id()).orElseThrow();
        assertThat(List.of(ab.interactionCount(), ba.interactionCount())).containsOnly(2);
        assertThat(ab.strengthLevel()).isEqualTo(ba.strengthLevel()).isPositive();
        assertThat(ab.lastInteractionAt()).isEqualTo(ba.lastInteractionAt()).isEqualTo(back.createdAt());
    }

    @Test
    void a_blocked_pair_cannot_interact() {
        Agent a = agent(social, "Mute");
        Agent b = agentOn(social, db, a, false);
        social.block(b.id(), a.id());
        converge();
        assertThatThrownBy(() -> social.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, "let me in"))
                .isInstanceOfSatisfying(
                        FriendshipStateException.class,
                        e -> assertThat(e.current()).isEqualTo(FriendshipStatus.BLOCKED));
        assertThat(countPerShard(db, "SELECT count(*) FROM interaction WHERE initiator_id = ?", a.id()))
                .containsOnly(0L);
    }

    @Test
    void pages_of_interactions_go_newest_first_without_gaps_and_refuse_other_lists_cursors() {
        Agent a = agent(social, "Pager");
        Agent b = agentOn(social, db, a, false);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(social.recordInteractionNow(a.id(), b.id(), InteractionType.COMMENT, "n" + i)
                    .id());
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            Page<Interaction> page = social.interactionsSent(a.id(), 10, cursor);
            sizes.add(page.items().size());
            page.items().forEach(i -> seen.add(i.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyElementsOf(reversed(ids));
        String first = social.interactionsSent(a.id(), 10, null).nextCursor();
        assertThatThrownBy(() -> social.interactionsSent(b.id(), 10, first)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> social.interactionsReceived(a.id(), 10, first))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> social.interactionsSent(987_654_321L, 10, null))
                .isInstanceOf(AgentNotFoundException.class);
    }

    @Test
    void a_community_row_and_its_members_live_on_its_shard_and_my_communities_on_mine() {
        Agent owner = agent(social, "Owner");
        Agent member = agentOn(social, db, owner, false);
        Community c = social.createCommunity(owner.id(), "Gardeners ' \\ 🌱", "");
        social.joinCommunity(member.id(), c.id());
        assertThatThrownBy(() -> social.joinCommunity(member.id(), c.id())).isInstanceOf(MembershipException.class);
        converge();
        assertThat(social.community(c.id()).orElseThrow().memberCount()).isEqualTo(2);
        assertThat(social.community(c.id()).orElseThrow().name()).isEqualTo("Gardeners ' \\ 🌱");
        assertThat(countPerShard(db, "SELECT count(*) FROM community_member WHERE community_id = ?", c.id()))
                .isEqualTo(only(shardOf(c.id()), 2));
        for (Agent a : List.of(owner, member)) {
            assertThat(countPerShard(
                            db,
                            "SELECT count(*) FROM agent_community WHERE agent_id = ? AND community_id = ?",
                            a.id(),
                            c.id()))
                    .isEqualTo(only(shardOf(a.id())));
            assertThat(social.communitiesOf(a.id(), 10, null).items()).containsExactly(c.id());
        }
        Page<Long> firstPage = social.communityMembers(c.id(), 1, null);
        Page<Long> second = social.communityMembers(c.id(), 1, firstPage.nextCursor());
        assertThat(List.of(firstPage.items().get(0), second.items().get(0)))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(second.nextCursor()).isNull();
        social.leaveCommunity(member.id(), c.id());
        assertThatThrownBy(() -> social.leaveCommunity(member.id(), c.id())).isInstanceOf(MembershipException.class);
        converge();
        assertThat(social.community(c.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(social.communitiesOf(member.id(), 10, null).items()).isEmpty();
        assertThatThrownBy(() -> social.joinCommunity(member.id(), 987_654_321L))
                .isInstanceOfSatisfying(
                        CommunityNotFoundException.class,
                        e -> assertThat(e.communityId()).isEqualTo(987_654_321L));
    }

    @Test
    void deactivating_an_agent_hides_its_friendships_on_its_friends_shards_and_drops_their_counts() {
        Agent leaving = agent(social, "Leaving");
        Agent far = agentOn(social, db, leaving, false);
        Agent near = agentOn(social, db, leaving, true);
        for (Agent f : List.of(far, near)) {
            social.requestFriendship(f.id(), leaving.id());
            social.acceptFriendship(leaving.id(), f.id());
        }
        converge();
        assertThat(social.friendCount(far.id())).isEqualTo(1);
        assertThat(social.deactivate(leaving.id())).isTrue();
        assertThat(social.deactivate(leaving.id())).isFalse();
        converge();
        assertThat(social.agent(leaving.id()).status()).isEqualTo(AgentStatus.DEACTIVATED);
        for (Agent f : List.of(far, near)) {
            assertThat(social.friendCount(f.id())).isZero();
            assertThat(social.friendship(f.id(), leaving.id())).as("hidden").isEmpty();
            assertThat(count(
                            db,
                            shardOf(f.id()),
                            "SELECT count(*) FROM friendship WHERE agent_id = ? AND friend_id = ?"
                                    + " AND NOT peer_active",
                            f.id(),
                            leaving.id()))
                    .isEqualTo(1);
        }
        assertThatThrownBy(() -> social.recordInteractionNow(far.id(), leaving.id(), InteractionType.MESSAGE, "there?"))
                .isInstanceOfSatisfying(
                        AgentNotFoundException.class,
                        e -> assertThat(e.deactivated()).isTrue());
        Agent stranger = agentOn(social, db, leaving, false);
        assertThatThrownBy(() -> social.requestFriendship(stranger.id(), leaving.id()))
                .isInstanceOf(AgentNotFoundException.class);
        converge();
        assertThat(social.friendship(stranger.id(), leaving.id())).isEmpty();
    }

    @Test
    void a_taken_handle_is_refused_and_a_rename_frees_the_old_one() {
        Agent a = agent(social, "Named");
        Agent b = agent(social, "Other");
        assertThatThrownBy(() -> social.createAgent(new NewAgent(
                        a.handle().toUpperCase(java.util.Locale.ROOT), "Copy", Personality.HELPER, List.of(), "")))
                .isInstanceOfSatisfying(
                        HandleTakenException.class, e -> assertThat(e.handle()).isEqualTo(a.handle()));
        assertThatThrownBy(
                        () -> social.updateProfile(b.id(), ProfileUpdate.none().withHandle(a.handle())))
                .isInstanceOf(HandleTakenException.class);
        String renamed = SocialTestbed.handle("renamed");
        Agent after = social.updateProfile(
                a.id(), ProfileUpdate.none().withHandle(renamed).withBio("new bio"));
        assertThat(after.handle()).isEqualTo(renamed);
        assertThat(after.bio()).isEqualTo("new bio");
        assertThat(social.agentByHandle(renamed)).contains(after);
        assertThat(social.agentByHandle(a.handle())).isEmpty();
        assertThat(countPerShard(db, "SELECT count(*) FROM agent_handle WHERE handle = ?", a.handle()))
                .containsOnly(0L);
        Agent reuser = social.createAgent(new NewAgent(a.handle(), "Reuser", Personality.LEADER, List.of(), ""));
        assertThat(social.agentByHandle(a.handle())).contains(reuser);
    }

    @Test
    void an_orphan_lookup_row_is_taken_over_once_old_and_counts_as_taken_while_young() {
        String young = SocialTestbed.handle("young");
        String old = SocialTestbed.handle("old");
        for (String h : List.of(young, old)) {
            db.useTransaction(
                    ShardKey.of(h),
                    t -> t.execute(
                            "INSERT INTO agent_handle (handle, agent_id, claimed_at) VALUES (?, 987654321, now() - ?::interval)",
                            h,
                            h.equals(old) ? "11 minutes" : "1 second"));
        }
        assertThatThrownBy(() -> social.createAgent(new NewAgent(young, "Y", Personality.HELPER, List.of(), "")))
                .isInstanceOf(HandleTakenException.class);
        Agent taker = social.createAgent(new NewAgent(old, "O", Personality.HELPER, List.of(), ""));
        assertThat(social.agentByHandle(old)).contains(taker);
        assertThat(social.agentByHandle(young)).isEmpty();
    }

    @Test
    void many_agents_are_read_with_one_query_per_shard_in_the_order_asked() {
        List<Agent> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            made.add(agent(social, "Many"));
        }
        List<Long> asked = new ArrayList<>(reversed(made.stream().map(Agent::id).toList()));
        asked.add(2, 987_654_321L);
        assertThat(social.agents(asked).keySet())
                .containsExactlyElementsOf(reversed(made.stream().map(Agent::id).toList()));
        assertThat(social.agents(asked).values()).containsExactlyInAnyOrderElementsOf(made);
        assertThat(social.agents(List.of())).isEmpty();
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    List<Long> only(ShardId shard) {
        return only(shard, 1);
    }

    List<Long> only(ShardId shard, long n) {
        return db.shardIds().stream().map(s -> s.equals(shard) ? n : 0L).toList();
    }

    static Object attempt(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }

    static List<Object> race(int threads, java.util.concurrent.Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt(call);
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
