package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardkit.core.scatter.FailurePolicy;

/** The read paths' settings refuse bad values naming them; the cache's codecs round-trip any text. */
class ReadSettingsAndCodecsTest {
    @Test
    void readSettings_haveTheDocumentedDefaults_andRefuseBadValuesNamingThem() {
        SocialSettings d = SocialSettings.defaults();
        assertThat(List.of(d.personalityWeight(), d.interestWeight(), d.recencyWeight()))
                .containsExactly(0.3, 0.5, 0.2);
        assertThat(d.recencyHalfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(d.feedDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.compatibleCandidates()).isEqualTo(200);
        SocialSettings.Builder b = SocialSettings.builder();
        assertThatThrownBy(() -> b.compatibilityWeights(-1, 1, 1))
                .hasMessage("compatibilityWeights.personality must be between 0 and 1000, but was -1.0");
        assertThatThrownBy(() -> b.compatibilityWeights(1, Double.NaN, 1))
                .hasMessage("compatibilityWeights.interests must be between 0 and 1000, but was NaN");
        assertThatThrownBy(() -> b.compatibilityWeights(0, 0, 0)).hasMessage("compatibilityWeights must not all be 0");
        assertThatThrownBy(() -> b.recencyHalfLife(Duration.ofMinutes(30)))
                .hasMessage("recencyHalfLife must be between 1h and 3650d, but was PT30M");
        assertThatThrownBy(() -> b.recencyHalfLife(Duration.ofMinutes(90)))
                .hasMessage("recencyHalfLife must be whole hours, but was PT1H30M");
        assertThatThrownBy(() -> b.feedDeadline(Duration.ofMinutes(2)))
                .hasMessage("feedDeadline must be between 1ms and 1m, but was PT2M");
        assertThatThrownBy(() -> b.compatibleCandidates(0))
                .hasMessage("compatibleCandidates must be between 1 and 1000000, but was 0");
        assertThatThrownBy(() -> b.crossShardLockTimeout(Duration.ZERO))
                .hasMessage("crossShardLockTimeout must be between 1ms and 10m, but was PT0S");
        SocialSettings s = b.compatibilityWeights(1, 0, 2)
                .recencyHalfLife(Duration.ofHours(5))
                .build();
        assertThat(s)
                .isNotEqualTo(d)
                .isEqualTo(SocialSettings.builder()
                        .compatibilityWeights(1, 0, 2)
                        .recencyHalfLife(Duration.ofHours(5))
                        .build());
        assertThat(s.toString()).contains("compatibilityWeights=1.0/0.0/2.0", "recencyHalfLife=PT5H");
        assertThat(SocialSettings.builder().compatibleCandidates(50).build())
                .isNotEqualTo(d)
                .hasToString(d.toString().replace("compatibleCandidates=200", "compatibleCandidates=50"));
    }

    @Test
    void compatibleOptions_defaultToPartialWithinOneSecond() {
        assertThat(CompatibleOptions.defaults())
                .isEqualTo(new CompatibleOptions(FailurePolicy.PARTIAL, Duration.ofSeconds(1)));
        assertThat(CompatibleOptions.defaults()
                        .withPolicy(FailurePolicy.FAIL_FAST)
                        .policy())
                .isEqualTo(FailurePolicy.FAIL_FAST);
        assertThatThrownBy(() -> CompatibleOptions.defaults().withDeadline(Duration.ofMinutes(2)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
    }

    @Test
    void codecs_roundTripProfilesCountsAndFeeds_withAnyText() {
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        Agent a = new Agent(
                42, "ada", "Ada \"λ\" :3:", Personality.MEDIATOR, List.of(1, 7), "", AgentStatus.DEACTIVATED, 3, t, t);
        Agent none = new Agent(43, "b", "B", Personality.ANALYST, List.of(), "bio:\n-:", AgentStatus.ACTIVE, 0, t, t);
        for (Agent agent : List.of(a, none)) {
            assertThat(SocialCodecs.AGENT.decode(SocialCodecs.AGENT.encode(agent)))
                    .isEqualTo(agent);
        }
        assertThat(SocialCodecs.COUNT.decode(SocialCodecs.COUNT.encode(12345))).isEqualTo(12345);
        List<FeedItem> feed = List.of(
                new FeedItem(
                        new Interaction(1, 2, 3, InteractionType.COLLABORATION, "12:x-:", t),
                        "A:1",
                        Personality.LEADER),
                new FeedItem(new Interaction(4, 5, 6, InteractionType.MESSAGE, "🙂", t), "", Personality.HELPER));
        assertThat(SocialCodecs.FEED.decode(SocialCodecs.FEED.encode(feed))).isEqualTo(feed);
        assertThat(SocialCodecs.FEED.decode(SocialCodecs.FEED.encode(List.of())))
                .isEmpty();
    }
}
