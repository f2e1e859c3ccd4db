package org.shardkit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialSettings;

/** The generator alone, no database: determinism, the degree law, profiles, interactions, samplers. */
class SocialGraphTest {
    /** One graph at the size the degree checks need, drawn once for the class. */
    private static final SocialGraph LARGE = SocialGraph.generate(GraphSpec.defaults(50_000));

    @Test
    void generate_sameSpec_sameGraphWhateverTheThreads() throws Exception {
        GraphSpec spec = GraphSpec.defaults(3_000);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            SocialGraph alone = one.submit(() -> SocialGraph.generate(spec)).get();
            SocialGraph parallel = SocialGraph.generate(spec);

            assertThat(Digest.of(parallel)).isEqualTo(Digest.of(alone));
            assertThat(Digest.of(SocialGraph.generate(spec))).isEqualTo(Digest.of(parallel));
        } finally {
            one.shutdown();
        }
    }

    @Test
    void generate_otherSeed_otherGraph() throws Exception {
        GraphSpec spec = GraphSpec.defaults(3_000);
        SocialGraph a = SocialGraph.generate(spec);
        SocialGraph b = SocialGraph.generate(spec.withSeed(43));

        assertThat(Digest.of(b)).isNotEqualTo(Digest.of(a));
        assertThat(b.agent(0)).isNotEqualTo(a.agent(0));
    }

    @Test
    void friendCounts_heavyTailedAroundTwenty_noSelfPairsNoRepeats_symmetric() {
        SocialGraph g = LARGE;
        long rows = 0;
        int max = 0;
        int lonely = 0;
        for (int a = 0; a < g.agentCount(); a++) {
            int d = g.friendCount(a);
            rows += d;
            max = Math.max(max, d);
            lonely += d == 0 ? 1 : 0;
            for (int k = 0; k < d; k++) {
                int b = g.friend(a, k);
                assertThat(b).as("agent %d's friend %d", a, k).isNotEqualTo(a);
                if (k > 0) {
                    assertThat(b)
                            .as("agent %d's friends ascend without repeats", a)
                            .isGreaterThan(g.friend(a, k - 1));
                }
                assertThat(g.areFriends(b, a))
                        .as("%d lists %d but not back", a, b)
                        .isTrue();
            }
        }
        double mean = (double) rows / g.agentCount();

        assertThat(rows).isEqualTo(2 * g.friendshipCount());
        assertThat(mean).isBetween(SocialGraph.MEAN_FRIENDS * 0.85, SocialGraph.MEAN_FRIENDS * 1.15);
        assertThat((double) max).isGreaterThanOrEqualTo(20 * mean);
        assertThat(g.maxFriendCount()).isEqualTo(max);
        // Heavy tail, not a flood of loners: a few percent without friends.
        assertThat(lonely).isBetween(1, g.agentCount() / 10);
    }

    @Test
    void agents_uniqueHandles_validInterests_everyPersonality() {
        SocialGraph g = LARGE;
        Set<String> handles = new HashSet<>();
        Set<Personality> personalities = EnumSet.noneOf(Personality.class);
        int[] interestUse = new int[SocialSettings.DEFAULT_INTEREST_ID_LIMIT];
        for (int a = 0; a < g.agentCount(); a++) {
            NewAgent agent = g.agent(a);
            assertThat(handles.add(agent.handle()))
                    .as("handle %s repeats", agent.handle())
                    .isTrue();
            assertThat(agent.handle()).matches("[a-z0-9_.\\-]{1,64}");
            assertThat(agent.name()).isNotBlank();
            assertThat(agent.bio()).isNotBlank().hasSizeLessThan(SocialSettings.DEFAULT_MAX_BIO_LENGTH);
            assertThat(agent.interests()).isSorted().doesNotHaveDuplicates().hasSizeBetween(1, 8);
            for (int i : agent.interests()) {
                assertThat(i).isBetween(0, SocialSettings.DEFAULT_INTEREST_ID_LIMIT - 1);
                interestUse[i]++;
            }
            personalities.add(agent.personality());
        }
        assertThat(personalities).containsExactlyInAnyOrder(Personality.values());
        // Skewed: the most popular interest is shared by far more agents than the median one.
        int[] sorted = interestUse.clone();
        java.util.Arrays.sort(sorted);
        assertThat(sorted[sorted.length - 1]).isGreaterThan(20 * Math.max(1, sorted[sorted.length / 2]));
        assertThat(g.agentId(0)).isEqualTo(SocialGraph.AGENT_ID_BASE);
        assertThat(g.agentIndex(g.agentId(123))).isEqualTo(123);
    }

    @Test
    void interactions_betweenFriends_skewedToActiveAgents_countedPerPair() {
        SocialGraph g = LARGE;
        int[] initiated = new int[g.agentCount()];
        long[] total = {0};
        long[] pairTotal = {0};
        for (int b = 0; b < g.interactions().blocks(); b++) {
            g.interactions().draw(b, (i, initiator, recipient, type, content) -> {
                assertThat(g.areFriends(initiator, recipient)).isTrue();
                initiated[initiator]++;
                total[0]++;
            });
        }
        for (int a = 0; a < g.agentCount(); a++) {
            for (int k = 0; k < g.friendCount(a); k++) {
                pairTotal[0] += g.interactionsBetween(a, g.friend(a, k));
            }
        }
        int busiest = java.util.Arrays.stream(initiated).max().orElseThrow();

        assertThat(total[0]).isEqualTo(g.interactionCount()).isEqualTo(500_000);
        // Each pair is seen from both ends.
        assertThat(pairTotal[0]).isEqualTo(2 * g.interactionCount());
        assertThat(busiest).isGreaterThan(100 * (int) (g.interactionCount() / g.agentCount()));
    }

    @Test
    void communities_skewedSizes_membersCounted_ownersMembers() {
        SocialGraph g = SocialGraph.generate(GraphSpec.defaults(20_000));
        int[] members = new int[g.communityCount()];
        long memberships = 0;
        for (int a = 0; a < g.agentCount(); a++) {
            for (int c : g.communitiesOf(a)) {
                members[c]++;
                memberships++;
            }
        }
        assertThat(g.communityCount()).isEqualTo(200);
        assertThat(memberships).isEqualTo(g.membershipCount());
        for (int c = 0; c < g.communityCount(); c++) {
            assertThat(g.memberCount(c)).isEqualTo(members[c]);
            int owner = g.communities().owner(c);
            if (members[c] > 0) {
                assertThat(g.communitiesOf(owner)).contains(c);
            }
        }
        assertThat(members[0]).isGreaterThan(10 * Math.max(1, members[g.communityCount() - 1]));
    }

    @Test
    void samplers_drawFriendsStrangersAndAgentsOfTheGraph() {
        SocialGraph g = LARGE;
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            AgentPair friends = g.randomFriends(random);
            assertThat(g.areFriends(g.agentIndex(friends.agentId()), g.agentIndex(friends.otherId())))
                    .isTrue();
            AgentPair strangers = g.randomNonFriends(random);
            assertThat(strangers.agentId()).isNotEqualTo(strangers.otherId());
            assertThat(g.areFriends(g.agentIndex(strangers.agentId()), g.agentIndex(strangers.otherId())))
                    .isFalse();
            assertThat(g.agentIndex(g.randomAgent(random))).isBetween(0, g.agentCount() - 1);
            assertThat(g.friendCount(g.agentIndex(g.activeAgent(random)))).isPositive();
        }
    }

    @Test
    void spec_badValues_named() {
        assertThatThrownBy(() -> new GraphSpec(0, 0, 0, 1))
                .hasMessage("agents must be between 1 and 50000000, but was 0");
        assertThatThrownBy(() -> new GraphSpec(10, -1, 0, 1))
                .hasMessageContaining("interactions")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new GraphSpec(10, 0, -2, 1))
                .hasMessageContaining("communities")
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> new GraphSpec(1, 5, 0, 1)).hasMessageContaining("single agent");
        assertThatThrownBy(() -> LARGE.friend(0, -1)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> LARGE.agentId(50_000)).hasMessageContaining("50000");
        assertThat(GraphSpec.defaults(1_000_000)).isEqualTo(new GraphSpec(1_000_000, 10_000_000, 10_000, 42));
        assertThat(GraphSpec.defaults(50)).isEqualTo(new GraphSpec(50, 500, 1, 42));
    }

    @Test
    void tinyGraphs_oneAgentOrTwo() {
        SocialGraph one = SocialGraph.generate(GraphSpec.defaults(1));
        assertThat(one.friendCount(0)).isZero();
        assertThat(one.interactionCount()).isZero();
        assertThat(one.communityCount()).isEqualTo(1);
        SocialGraph two = SocialGraph.generate(new GraphSpec(2, 0, 0, 42));
        assertThat(two.friendCount(0)).isEqualTo(two.friendCount(1)).isBetween(0, 1);
    }

    @Test
    void strength_followsTheRepositorysFormula() {
        assertThat(RowEncoders.strength(0)).isZero();
        assertThat(RowEncoders.strength(1)).isEqualTo(13);
        assertThat(RowEncoders.strength(2)).isEqualTo(21);
        assertThat(RowEncoders.strength(1_000)).isEqualTo(100);
    }
}
