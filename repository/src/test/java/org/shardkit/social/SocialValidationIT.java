package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.social.SocialTestbed.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/** Every bad input gives its typed error naming the value, and writes nothing; hostile text is kept verbatim. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialValidationIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private static final List<String> TABLES = List.of(
            "agent",
            "agent_handle",
            "friendship",
            "interaction",
            "interaction_inbox",
            "community",
            "community_member",
            "agent_community",
            "shardkit_social_outbox");

    ShardedDatabase db;
    SocialRepository social;

    @BeforeAll
    void open() {
        db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
        social = SocialRepository.builder(db)
                .settings(SocialSettings.builder().maxContentBytes(100).build())
                .build();
    }

    @AfterAll
    void close() {
        social.close();
        db.close();
    }

    private List<Long> rows() {
        assertThat(social.awaitConverged(Duration.ofSeconds(20))).isTrue();
        List<Long> counts = new ArrayList<>();
        for (String table : TABLES) {
            counts.addAll(SocialTestbed.countPerShard(db, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    private static void refused(ThrowingCallable call, String field, Object value) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.value()).isEqualTo(value);
            assertThat(e.getMessage()).startsWith(field + " ");
        });
    }

    @Test
    @SuppressWarnings("NullAway") // passes nulls on purpose
    void each_bad_input_names_its_field_and_value_and_nothing_is_written() {
        Agent a = agent(social, "Valid");
        Agent b = agent(social, "Other");
        List<Long> before = rows();
        String longText = "x".repeat(101);
        refused(() -> social.createAgent(new NewAgent("", "N", Personality.HELPER, List.of(), "")), "handle", "");
        refused(() -> social.createAgent(new NewAgent("a b", "N", Personality.HELPER, List.of(), "")), "handle", "a b");
        refused(
                () -> social.createAgent(new NewAgent("h'--", "N", Personality.HELPER, List.of(), "")),
                "handle",
                "h'--");
        refused(
                () -> social.createAgent(new NewAgent("okhandle", "  ", Personality.HELPER, List.of(), "")),
                "name",
                "  ");
        refused(
                () -> social.createAgent(new NewAgent("okhandle", "N\u0000", Personality.HELPER, List.of(), "")),
                "name",
                "N\u0000");
        refused(
                () -> social.createAgent(new NewAgent("okhandle", "bad \ud800", Personality.HELPER, List.of(), "")),
                "name",
                "bad \ud800");
        refused(() -> social.createAgent(new NewAgent("okhandle", "N", null, List.of(), "")), "personality", null);
        refused(
                () -> social.createAgent(new NewAgent("okhandle", "N", Personality.HELPER, List.of(1, 1024), "")),
                "interests[1]",
                1024);
        refused(
                () -> social.createAgent(new NewAgent("okhandle", "N", Personality.HELPER, List.of(-1), "")),
                "interests[0]",
                -1);
        refused(() -> social.updateProfile(a.id(), ProfileUpdate.none().withName("")), "name", "");
        refused(() -> social.requestFriendship(a.id(), a.id()), "otherId", a.id());
        refused(() -> social.requestFriendship(-5, a.id()), "agentId", -5L);
        refused(
                () -> social.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, longText),
                "content",
                longText);
        refused(() -> social.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, ""), "content", "");
        refused(() -> social.recordInteractionNow(a.id(), b.id(), null, "hi"), "type", null);
        refused(
                () -> social.recordInteractionNow(a.id(), a.id(), InteractionType.MESSAGE, "me"),
                "recipientId",
                a.id());
        refused(() -> InteractionType.parse("poke"), "type", "poke");
        refused(() -> social.createCommunity(a.id(), "\t", ""), "name", "\t");
        refused(() -> social.interactionsSent(a.id(), 0, null), "limit", 0);
        refused(() -> social.interactionsSent(a.id(), 1001, null), "limit", 1001);
        assertThatThrownBy(() ->
                        social.updateProfile(987_654_321L, ProfileUpdate.none().withBio("x")))
                .isInstanceOfSatisfying(
                        AgentNotFoundException.class,
                        e -> assertThat(e.agentId()).isEqualTo(987_654_321L));
        assertThatThrownBy(() -> social.recordInteractionNow(a.id(), 987_654_321L, InteractionType.MESSAGE, "hi"))
                .isInstanceOf(AgentNotFoundException.class);
        assertThatThrownBy(() -> social.recordInteractionNow(987_654_321L, a.id(), InteractionType.MESSAGE, "hi"))
                .isInstanceOf(AgentNotFoundException.class);
        assertThat(rows()).isEqualTo(before);
        assertThat(InteractionType.parse(" Message ")).isEqualTo(InteractionType.MESSAGE);
    }

    @Test
    void hostile_text_is_stored_and_read_back_verbatim() {
        List<String> corpus = List.of(
                "Robert'); DROP TABLE agent;--",
                "back\\slash \\' \\\" \\\\",
                "$$ dollar $tag$ quoting $$",
                "\ud83d\ude00 \ud800\udc00 \udbff\udfff emoji and plane 1/16",
                "\u202e right-to-left \u200b zero width \ufeff bom",
                "line\nbreak\rcarriage\ttab \u2028 \u0001 \u001f",
                "' OR '1'='1",
                "%_ like wildcards %");
        Agent b = agent(social, "Reader");
        for (String text : corpus) {
            Agent a = social.createAgent(
                    new NewAgent(SocialTestbed.handle("hostile"), text, Personality.MEDIATOR, List.of(), text));
            assertThat(social.agent(a.id()).name()).isEqualTo(text);
            assertThat(social.agent(a.id()).bio()).isEqualTo(text);
            String content = text.length() > 30 ? text.substring(0, 30) : text;
            Interaction i = social.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, content);
            assertThat(social.interactionsSent(a.id(), 1, null).items().get(0).content())
                    .isEqualTo(content);
            assertThat(social.awaitConverged(Duration.ofSeconds(20))).isTrue();
            assertThat(social.interactionsReceived(b.id(), 1, null).items()).containsExactly(i);
        }
    }

    @Test
    void an_agent_over_its_write_rate_gets_an_error_naming_it_and_the_limit() {
        try (SocialRepository limited = SocialRepository.builder(db)
                .settings(SocialSettings.builder()
                        .writeRateLimit(3, Duration.ofMinutes(1))
                        .build())
                .build()) {
            Agent a = agent(limited, "Chatty");
            Agent b = agent(limited, "Quiet");
            for (int i = 0; i < 3; i++) {
                limited.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, "m" + i);
            }
            assertThatThrownBy(
                            () -> limited.recordInteractionNow(a.id(), b.id(), InteractionType.MESSAGE, "one too many"))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("agent " + a.id())
                    .hasMessageContaining("3 per PT1M");
            limited.recordInteractionNow(b.id(), a.id(), InteractionType.MESSAGE, "b has its own budget");
            assertThat(limited.interactionsSent(a.id(), 10, null).items()).hasSize(3);
        }
    }

    @Test
    void settings_refuse_out_of_range_values_naming_them() {
        assertThatThrownBy(() -> SocialSettings.builder().maxContentBytes(0))
                .hasMessage("maxContentBytes must be between 1 and 16777216, but was 0");
        assertThatThrownBy(() -> SocialSettings.builder().writeRateLimit(0, Duration.ofMinutes(1)))
                .hasMessageContaining("writeRateLimit.permits");
        assertThatThrownBy(() -> SocialSettings.builder().cursorSecret("short")).hasMessageContaining("at least 16");
        assertThat(SocialSettings.builder()
                        .cursorSecret("0123456789abcdef-secret")
                        .build()
                        .toString())
                .doesNotContain("secret")
                .contains("****");
        assertThat(Arrays.asList(
                        SocialSettings.defaults().maxContentBytes(),
                        SocialSettings.defaults().maxPageSize()))
                .containsExactly(65536, 1000);
    }
}
