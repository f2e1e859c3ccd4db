package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.core.config.ConfigProblem;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.WriteQueueFullException;
import org.shardkit.social.Agent;
import org.shardkit.social.Interaction;
import org.shardkit.social.InteractionType;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code shardkit.social.*} keys of the write queue, and the repository's close when the context
 * closes, over two real PostgreSQL shards.
 */
class SocialWriteQueueIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @TempDir
    Path journal;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class))
            .withPropertyValues(ShardkitAutoConfigurationIT.shardProperties(servers))
            .withPropertyValues(
                    "shardkit.pool.maximumSize=6",
                    "shardkit.idgen.workerId.source=static",
                    "shardkit.idgen.workerId.id=3");

    @Test
    void journaledInteraction_contextCloses_drainWritesItBeforeTheDatabaseCloses() throws Exception {
        AtomicReference<Interaction> recorded = new AtomicReference<>();
        runner.withPropertyValues(
                        "shardkit.social.migrate=true",
                        "shardkit.social.write-journal.directory=" + journal,
                        // Due in an hour: only the close's drain writes the batch.
                        "shardkit.social.interaction-batches.max-age=1h",
                        "shardkit.social.write-queue.close-timeout=20s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SocialRepositoryDrain.class);
                    SocialRepository social = context.getBean(SocialRepository.class);
                    Agent ada = social.createAgent(new NewAgent("ada", "Ada", Personality.ANALYST, List.of(1), ""));
                    Agent bob = social.createAgent(new NewAgent("bob", "Bob", Personality.CREATOR, List.of(1), ""));
                    Interaction it = social.recordInteraction(ada.id(), bob.id(), InteractionType.MESSAGE, "hi")
                            .get(10, TimeUnit.SECONDS); // the default with a journal: journaled, not committed
                    assertThat(count("interaction", it.id())).isZero();
                    try (Stream<Path> files = Files.list(journal)) {
                        assertThat(files).as("the journal's files").isNotEmpty();
                    }
                    recorded.set(it);
                });
        Interaction it = Objects.requireNonNull(recorded.get(), "the context did not record it");
        assertThat(count("interaction", it.id()))
                .as("its row on the initiator's shard")
                .isEqualTo(1);
        assertThat(count("interaction_inbox", it.id())).as("its inbox copy").isEqualTo(1);
    }

    @Test
    void writeQueueKeys_reachTheRepository() {
        runner.withPropertyValues(
                        "shardkit.social.migrate=true",
                        "shardkit.social.write-queue.capacity=1",
                        "shardkit.social.write-queue.when-full=reject",
                        "shardkit.social.interaction-batches.max-age=1h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SocialRepository social = context.getBean(SocialRepository.class);
                    Agent cy = social.createAgent(new NewAgent("cy", "Cy", Personality.HELPER, List.of(2), ""));
                    Agent di = social.createAgent(new NewAgent("di", "Di", Personality.LEADER, List.of(2), ""));
                    // No journal: acknowledged once committed, which its batch is only in an hour.
                    CompletableFuture<Interaction> first =
                            social.recordInteraction(cy.id(), di.id(), InteractionType.SHARE, "one");
                    assertThatThrownBy(() -> social.recordInteraction(cy.id(), di.id(), InteractionType.SHARE, "two"))
                            .isInstanceOf(WriteQueueFullException.class)
                            .hasMessageContaining("1 of 1")
                            .hasMessageContaining("policy REJECT");
                    assertThat(first).isNotDone();

                    social.flushWrites();
                    Interaction it = first.get(20, TimeUnit.SECONDS);
                    assertThat(count("interaction_inbox", it.id())).isEqualTo(1);
                });
    }

    @Test
    void badValues_failStartup_namingEveryKey() {
        runner.withPropertyValues(
                        "shardkit.social.write-queue.capacity=0",
                        "shardkit.social.write-queue.block-timeout=2h",
                        "shardkit.social.interaction-batches.max-size=100001",
                        "shardkit.social.write-journal.segment-bytes=1KB",
                        "shardkit.social.default-ack=journaled")
                .run(context -> {
                    StartupFailures.configurationFailure(context);
                    ConfigurationException e = rootCause(context.getStartupFailure());
                    assertThat(e.problems())
                            .extracting(ConfigProblem::path)
                            .containsExactly(
                                    "shardkit.social.write-journal.directory",
                                    "shardkit.social.write-queue.capacity",
                                    "shardkit.social.write-queue.block-timeout",
                                    "shardkit.social.interaction-batches.max-size",
                                    "shardkit.social.default-ack");
                    assertThat(e.getMessage())
                            .contains("shardkit.social.write-queue.capacity: must be >= 1, but was 0"
                                    + " [\"shardkit.social.write-queue.capacity\" from property source \"test\"]")
                            .contains("shardkit.social.write-queue.block-timeout: must be <= ")
                            .contains("shardkit.social.interaction-batches.max-size: must be <= 100000, but was 100001")
                            .contains("shardkit.social.default-ack: journaled needs a write journal: set"
                                    + " shardkit.social.write-journal.directory");
                });
    }

    @Test
    void journalSettingsThatContradictEachOther_failNamingTheLaterKey() {
        runner.withPropertyValues(
                        "shardkit.social.write-journal.directory=" + journal,
                        "shardkit.social.write-journal.segment-bytes=1MB",
                        "shardkit.social.write-journal.max-bytes=1MB",
                        "shardkit.social.default-ack=" + Ack.JOURNALED)
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining("shardkit.social.write-journal.max-bytes: must be >= 2 * segmentBytes"
                                + " (2097152), but was 1048576"));
    }

    private static ConfigurationException rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return (ConfigurationException) t;
    }

    /** Rows with the id over both shards. */
    private static int count(String table, long id) throws SQLException {
        int n = 0;
        for (TestShard shard : servers.shards()) {
            try (Connection c = shard.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n += rs.getInt(1);
                }
            }
        }
        return n;
    }
}
