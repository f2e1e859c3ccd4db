package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.HostileCorpus.Field;
import org.shardkit.social.HostileCorpus.Sample;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, case 9: hostile text through every text-taking entry of {@link SocialRepository} —
 * agent handle, name and bio, profile updates, interaction content (at once and through the
 * journaled write queue), community name and description, every page cursor, {@code
 * agentByHandle} and {@code InteractionType.parse} — under the default limits and under the largest
 * ones. Each text is either stored and read back byte-for-byte, through the API and through a direct
 * {@code SELECT convert_to(column, 'UTF8')} on the shards, or refused with the documented {@link
 * InvalidInputException} (docs/social.md: U+0000, a lone surrogate, the length limits); and no
 * statement any server received carries any of the text ({@link ServerStatementLog}: the servers'
 * own {@code log_statement=all} log, checked to find a statement that does splice a sample).
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
    private static final Logger LOG = LoggerFactory.getLogger(HostileInputIT.class);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ShardServersExtension servers = ServerStatementLog.configure(
                    ShardServersExtension.builder().shards(2))
            .build();

    /** The largest limits SocialSettings allows for names and bios, and 2 MiB of content. */
    private static final SocialSettings ROOMY = SocialSettings.builder()
            .maxNameLength(10_000)
            .maxBioLength(1_000_000)
            .maxContentBytes(2 * HostileCorpus.MIB)
            .build();

    @TempDir
    Path dir;

    private ShardedDatabase db;
    private final List<Connection> shards = new ArrayList<>();
    private int stored;
    private int refused;

    @BeforeAll
    void open() throws SQLException {
        db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
        for (TestShard s : servers.shards()) {
            shards.add(s.dataSource().getConnection());
        }
    }

    @AfterAll
    void close() throws SQLException {
        for (Connection c : shards) {
            c.close();
        }
        db.close();
    }

    private SocialRepository repository(SocialSettings settings, String journal) {
        return SocialRepository.builder(db)
                .settings(settings)
                // Batches due after 20 ms, not the default 2 s: one queued write at a time here.
                .interactionBatches(BatchConfig.builder()
                        .maxBatchSize(500)
                        .maxBatchAge(Duration.ofMillis(20))
                        .build())
                .writeJournal(JournalSettings.builder(dir.resolve(journal))
                        .segmentBytes(16L * HostileCorpus.MIB)
                        .maxRecordBytes(4L * HostileCorpus.MIB)
                        .build())
                .build();
    }

    @Test
    void everyTextEntry_storesHostileTextByteForByte_orRefusesItAsDocumented_andNoStatementCarriesIt()
            throws Exception {
        List<Sample> corpus = HostileCorpus.texts();
        ServerStatementLog log = ServerStatementLog.open("hostile-input", shards);
        try (SocialRepository strict = repository(SocialSettings.defaults(), "strict");
                SocialRepository roomy = repository(ROOMY, "roomy")) {
            for (SocialRepository social : List.of(strict, roomy)) {
                Agent reader = SocialTestbed.agent(social, "reader");
                Agent writer = SocialTestbed.agent(social, "writer");
                Community club = social.createCommunity(writer.id(), "club", "");
                for (Sample s : corpus) {
                    agentTexts(social, s);
                    content(social, s, writer, reader);
                    community(social, s, writer);
                    cursors(social, s, writer, reader, club);
                    refusedAs(() -> InteractionType.parse(s.text()), "type", s.text(), "type must be one of ");
                }
            }
            handles(strict); // handle rules do not depend on the limits, and a handle is claimed once
            assertThat(strict.awaitConverged(WRITE_WAIT)).isTrue();
            assertThat(roomy.awaitConverged(WRITE_WAIT)).isTrue();
        }

        // The check can fail: a statement that does splice a sample is found, and it is the only one.
        Sample spliced = corpus.get(1);
        try (Statement st = shards.get(0).createStatement()) {
            st.execute("SELECT length('" + spliced.text().replace("'", "''") + "')");
        }
        List<String> statements = log.statements(shards);
        List<String> carrying = new ArrayList<>();
        for (String statement : statements) {
            for (Sample s : corpus) {
                if (statement.contains(s.needle())) {
                    carrying.add(s.label() + " in: " + abbreviate(statement));
                }
            }
        }
        // pgjdbc sends even a plain Statement through the extended protocol: "execute <unnamed>: ...".
        assertThat(carrying)
                .as("statements that carry corpus text (%d statements checked)", statements.size())
                .singleElement()
                .asString()
                .startsWith(spliced.label() + " in: ")
                .endsWith(": SELECT length('" + spliced.text().replace("'", "''") + "')");
        LOG.info(
                "hostile input: {} texts × 2 limit sets through every text entry: {} stored and read back"
                        + " byte-for-byte (API and direct SELECT), {} refused with the documented error;"
                        + " {} statements in the servers' logs, none carries corpus text",
                corpus.size(),
                stored,
                refused,
                statements.size() - 1);
    }

    /** Name and bio at creation and by profile update. */
    private void agentTexts(SocialRepository social, Sample s) throws SQLException {
        SocialSettings limits = social.settings();
        String text = s.text();
        @Nullable String nameRule = HostileCorpus.refusal(Field.NAME, "name", text, limits);
        @Nullable String bioRule = HostileCorpus.refusal(Field.BIO, "bio", text, limits);
        Supplier<Agent> named = () -> social.createAgent(
                new NewAgent(SocialTestbed.handle("hx"), text, Personality.ANALYST, List.of(), "plain"));
        if (nameRule == null) {
            Agent a = named.get();
            assertThat(a.name()).as(s.shown()).isEqualTo(text);
            roundTrip(
                    s,
                    "name",
                    social.agent(a.id()).name(),
                    "SELECT convert_to(name, 'UTF8') FROM agent WHERE id = ?",
                    a.id());
        } else {
            refusedAs(named::get, "name", text, nameRule);
        }
        Supplier<Agent> withBio = () -> social.createAgent(
                new NewAgent(SocialTestbed.handle("hx"), "plain", Personality.ANALYST, List.of(), text));
        if (bioRule == null) {
            Agent a = withBio.get();
            roundTrip(
                    s,
                    "bio",
                    social.agent(a.id()).bio(),
                    "SELECT convert_to(bio, 'UTF8') FROM agent WHERE id = ?",
                    a.id());
        } else {
            refusedAs(withBio::get, "bio", text, bioRule);
        }
        Agent target = SocialTestbed.agent(social, "upd");
        if (nameRule == null) {
            assertThat(social.updateProfile(target.id(), ProfileUpdate.none().withName(text))
                            .name())
                    .as(s.shown())
                    .isEqualTo(text);
            roundTrip(
                    s,
                    "updated name",
                    social.agent(target.id()).name(),
                    "SELECT convert_to(name, 'UTF8') FROM agent WHERE id = ?",
                    target.id());
        } else {
            refusedAs(
                    () -> social.updateProfile(target.id(), ProfileUpdate.none().withName(text)),
                    "name",
                    text,
                    nameRule);
        }
        if (bioRule == null) {
            social.updateProfile(target.id(), ProfileUpdate.none().withBio(text));
            roundTrip(
                    s,
                    "updated bio",
                    social.agent(target.id()).bio(),
                    "SELECT convert_to(bio, 'UTF8') FROM agent WHERE id = ?",
                    target.id());
        } else {
            refusedAs(
                    () -> social.updateProfile(target.id(), ProfileUpdate.none().withBio(text)), "bio", text, bioRule);
        }
        // No free text of the corpus is a handle: each is refused, by creation, update and lookup.
        String handleRule = "handle must be 1 to 64 letters, digits, '_', '.' or '-'";
        refusedAs(
                () -> social.createAgent(new NewAgent(text, "plain", Personality.ANALYST, List.of(), "")),
                "handle",
                text,
                handleRule);
        refusedAs(
                () -> social.updateProfile(target.id(), ProfileUpdate.none().withHandle(text)),
                "handle",
                text,
                handleRule);
        refusedAs(() -> social.agentByHandle(text), "handle", text, handleRule);
    }

    /** Interaction content, recorded at once and through the journaled queue; its inbox copy too. */
    private void content(SocialRepository social, Sample s, Agent writer, Agent reader) throws Exception {
        String text = s.text();
        @Nullable String rule = HostileCorpus.refusal(Field.CONTENT, "content", text, social.settings());
        if (rule != null) {
            refusedAs(
                    () -> social.recordInteractionNow(writer.id(), reader.id(), InteractionType.MESSAGE, text),
                    "content",
                    text,
                    rule);
            refusedAs(
                    () -> social.recordInteraction(
                            writer.id(), reader.id(), InteractionType.COMMENT, text, Ack.COMMITTED),
                    "content",
                    text,
                    rule);
            return;
        }
        Interaction now = social.recordInteractionNow(writer.id(), reader.id(), InteractionType.MESSAGE, text);
        Interaction queued = social.recordInteraction(
                        writer.id(), reader.id(), InteractionType.COMMENT, text, Ack.COMMITTED)
                .get(WRITE_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(social.awaitConverged(WRITE_WAIT)).isTrue();
        for (Interaction i : List.of(now, queued)) {
            roundTrip(
                    s,
                    "content",
                    sent(social, writer, i.id()).content(),
                    "SELECT convert_to(content, 'UTF8') FROM interaction WHERE id = ?",
                    i.id());
            roundTrip(
                    s,
                    "inbox content",
                    received(social, reader, i.id()).content(),
                    "SELECT convert_to(content, 'UTF8') FROM interaction_inbox WHERE id = ?",
                    i.id());
        }
    }

    private void community(SocialRepository social, Sample s, Agent owner) throws SQLException {
        String text = s.text();
        @Nullable String nameRule = HostileCorpus.refusal(Field.NAME, "name", text, social.settings());
        @Nullable String descriptionRule = HostileCorpus.refusal(Field.BIO, "description", text, social.settings());
        if (nameRule == null) {
            Community c = social.createCommunity(owner.id(), text, "plain");
            roundTrip(
                    s,
                    "community name",
                    social.community(c.id()).orElseThrow().name(),
                    "SELECT convert_to(name, 'UTF8') FROM community WHERE id = ?",
                    c.id());
        } else {
            refusedAs(() -> social.createCommunity(owner.id(), text, "plain"), "name", text, nameRule);
        }
        if (descriptionRule == null) {
            Community c = social.createCommunity(owner.id(), "plain", text);
            roundTrip(
                    s,
                    "community description",
                    social.community(c.id()).orElseThrow().description(),
                    "SELECT convert_to(description, 'UTF8') FROM community WHERE id = ?",
                    c.id());
        } else {
            refusedAs(() -> social.createCommunity(owner.id(), "plain", text), "description", text, descriptionRule);
        }
    }

    /** Every list's cursor: hostile text is refused as a cursor, never read as a position. */
    private void cursors(SocialRepository social, Sample s, Agent writer, Agent reader, Community club) {
        String c = s.text();
        String rule = "cursor must be a cursor returned by this list";
        List<ThrowingCallable> lists = List.of(
                () -> social.friends(writer.id(), FriendOrder.STRENGTH, 10, c),
                () -> social.friends(writer.id(), FriendOrder.RECENT, 10, c),
                () -> social.friendRequests(writer.id(), RequestDirection.RECEIVED, 10, c),
                () -> social.friendRequests(writer.id(), RequestDirection.SENT, 10, c),
                () -> social.feed(reader.id(), 10, c),
                () -> social.interactionsSent(writer.id(), 10, c),
                () -> social.interactionsReceived(reader.id(), 10, c),
                () -> social.communityMembers(club.id(), 10, c),
                () -> social.communitiesOf(writer.id(), 10, c));
        for (ThrowingCallable list : lists) {
            refusedAs(list, "cursor", c, rule);
        }
    }

    /** Handles from every plane the pattern accepts, stored NFC and lower case; the rest refused. */
    private void handles(SocialRepository social) throws SQLException {
        List<String[]> accepted = HostileCorpus.acceptedHandles();
        for (String[] h : accepted) {
            Agent a = social.createAgent(new NewAgent(h[0], "plain", Personality.ANALYST, List.of(), ""));
            Sample s = new Sample("handle " + h[1], h[1]);
            roundTrip(
                    s,
                    "handle",
                    social.agent(a.id()).handle(),
                    "SELECT convert_to(handle, 'UTF8') FROM agent WHERE id = ?",
                    a.id());
            assertThat(social.agentByHandle(h[0]).map(Agent::id)).as(s.shown()).contains(a.id());
            assertThat(social.agentByHandle(h[1].toUpperCase(java.util.Locale.ROOT))
                            .map(Agent::id))
                    .as(s.shown())
                    .contains(a.id());
            // The same handle, decomposed or in another case, is taken.
            assertThatThrownBy(() -> social.createAgent(new NewAgent(
                            java.text.Normalizer.normalize(h[0], java.text.Normalizer.Form.NFD),
                            "x",
                            Personality.ANALYST,
                            List.of(),
                            "")))
                    .isInstanceOf(HandleTakenException.class);
            // A rename frees it, byte-for-byte the new one is stored.
            String renamed = h[1] + "_r";
            if (renamed.codePointCount(0, renamed.length()) <= InputRules.MAX_HANDLE_LENGTH) {
                social.updateProfile(a.id(), ProfileUpdate.none().withHandle(renamed));
                roundTrip(
                        new Sample("renamed " + renamed, renamed),
                        "handle",
                        social.agent(a.id()).handle(),
                        "SELECT convert_to(handle, 'UTF8') FROM agent WHERE id = ?",
                        a.id());
                assertThat(social.agentByHandle(h[1])).as(s.shown()).isEqualTo(Optional.empty());
            }
        }
        for (String bad : HostileCorpus.refusedHandles()) {
            String rule = "handle must be 1 to 64 letters, digits, '_', '.' or '-'";
            refusedAs(
                    () -> social.createAgent(new NewAgent(bad, "plain", Personality.ANALYST, List.of(), "")),
                    "handle",
                    bad,
                    rule);
            refusedAs(() -> social.agentByHandle(bad), "handle", bad, rule);
        }
    }

    private static Interaction sent(SocialRepository social, Agent writer, long id) {
        return find(social.interactionsSent(writer.id(), 1000, null).items(), id);
    }

    private static Interaction received(SocialRepository social, Agent reader, long id) {
        return find(social.interactionsReceived(reader.id(), 1000, null).items(), id);
    }

    private static Interaction find(List<Interaction> page, long id) {
        return page.stream()
                .filter(i -> i.id() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("interaction " + id + " is not on its page"));
    }

    /**
     * Asserts the API returned the text unchanged and the one row holding it on the shards has its
     * exact UTF-8 bytes.
     */
    private void roundTrip(Sample s, String where, String fromApi, String select, long id) throws SQLException {
        byte[] expected = s.text().getBytes(StandardCharsets.UTF_8);
        if (!fromApi.equals(s.text())) {
            fail("%s: %s read back through the API differs from what was written", s.shown(), where);
        }
        List<byte[]> rows = new ArrayList<>();
        for (Connection c : shards) {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getBytes(1));
                    }
                }
            }
        }
        assertThat(rows)
                .as("%s: rows holding %s %d on the shards", s.shown(), where, id)
                .hasSize(1);
        byte[] actual = rows.get(0);
        if (!Arrays.equals(actual, expected)) {
            int at = Arrays.mismatch(actual, expected);
            fail(
                    "%s: %s as stored differs from its UTF-8 at byte %d (%d bytes stored, %d written)",
                    s.shown(), where, at, actual.length, expected.length);
        }
        stored++;
    }

    /** Asserts the call is refused with the documented error, naming the field and the value. */
    private void refusedAs(ThrowingCallable call, String field, String value, String rule) {
        assertThatThrownBy(call)
                .as("%s refused for %s", field, abbreviate(value))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getMessage()).startsWith(rule);
                });
        refused++;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " chars)";
    }
}
