package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.core.writequeue.WriteQueueFullException;
import org.shardkit.testing.ShardServersExtension;

/**
 * Interactions through the write queue over four shards: both acknowledgement levels, the rules
 * checked when batches are written, a shard stopped while they flush, a full queue, and closing.
 */
class QueuedInteractionsIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    @TempDir
    Path dir;

    private ShardedDatabase db;
    private SocialRepository social;

    @BeforeEach
    void open() {
        db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
        for (ShardId s : db.shardIds()) {
            db.withShardId(s, h -> h.execute("TRUNCATE interaction, interaction_inbox, friendship"));
        }
        social = builder().build();
    }

    @AfterEach
    void close() {
        social.close(Duration.ofSeconds(30));
        db.close();
    }

    private SocialRepositoryBuilder builder() {
        return SocialRepository.builder(db)
                .interactionBatches(BatchConfig.builder()
                        .maxBatchSize(100)
                        .maxBatchAge(Duration.ofMillis(20))
                        .maxAttempts(1000)
                        .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                        .build())
                .writeQueue(WriteQueueConfig.builder()
                        .retryInterval(Duration.ofMillis(50))
                        .build())
                .writeJournal(JournalSettings.builder(dir.resolve("journal")).build());
    }

    /** Creates {@code n} agents spread over the shards (round-robin, so every shard has some), all friends. */
    private List<Agent> friends(int n) {
        List<List<Agent>> byShard = new ArrayList<>();
        db.shardIds().forEach(s -> byShard.add(new ArrayList<>()));
        int wanted = (n + byShard.size() - 1) / byShard.size();
        for (int made = 0; byShard.stream().anyMatch(l -> l.size() < wanted); made++) {
            assertThat(made).as("agents made to fill every shard").isLessThan(500);
            Agent a = SocialTestbed.agent(social, "queued");
            List<Agent> mine = byShard.get(shard(a));
            if (mine.size() < wanted) {
                mine.add(a);
            }
        }
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; agents.size() < n; i++) {
            agents.add(byShard.get(i % byShard.size()).get(i / byShard.size()));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                social.requestFriendship(agents.get(i).id(), agents.get(j).id());
                social.acceptFriendship(agents.get(j).id(), agents.get(i).id());
            }
        }
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        return agents;
    }

    private static void allDone(List<CompletableFuture<Interaction>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    @Test
    void flushWrites_committedInteractionsLandWithoutWaitingForTheirAge() throws Exception {
        social.close(Duration.ofSeconds(30));
        social = builder()
                .interactionBatches(BatchConfig.builder()
                        .maxBatchSize(10_000)
                        .maxBatchAge(Duration.ofHours(1))
                        .build())
                .build();
        List<Agent> agents = friends(4);
        List<CompletableFuture<Interaction>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Agent a = agents.get(i % 4);
            Agent b = agents.get((i + 1 + i / 4 % 3) % 4);
            futures.add(
                    social.recordInteraction(a.id(), b.id(), InteractionType.MESSAGE, "flushed " + i, Ack.COMMITTED));
        }
        social.flushWrites();
        // Neither stage's batches are full or due for an hour: only the flush, passed on to the copies
        // that follow it, can complete these (the bound is generous; an hour is what it guards against).
        allDone(futures);
        InteractionLedger ledger = InteractionLedger.read(db);
        assertThat(ledger.inbox.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        futures.stream().map(f -> f.join().id()).toList());
    }

    @Test
    void bothLevels_writeEachInteractionOnce_withItsInboxCopy_andStrengthsEqualARecount() throws Exception {
        List<Agent> agents = friends(8);
        Agent stranger = SocialTestbed.agent(social, "stranger");
        Random random = new Random(42);
        List<CompletableFuture<Interaction>> futures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Agent a = agents.get(random.nextInt(agents.size()));
            Agent b = i % 50 == 0 ? stranger : agents.get(random.nextInt(agents.size()));
            if (a.id() == b.id()) {
                continue;
            }
            Ack ack = i % 2 == 0 ? Ack.JOURNALED : Ack.COMMITTED;
            futures.add(social.recordInteraction(a.id(), b.id(), InteractionType.MESSAGE, "queued " + i, ack));
        }
        allDone(futures);
        social.flushWrites();
        assertThat(social.close(Duration.ofSeconds(60)).complete()).isTrue();

        InteractionLedger ledger = InteractionLedger.read(db);
        List<Long> ids = futures.stream().map(f -> f.join().id()).toList();
        assertThat(ledger.sent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ledger.inbox.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ledger.wrongEdges).isEmpty();
        Interaction first = futures.get(0).join();
        Agent initiator = social.agent(first.initiatorId());
        assertThat(initiator.lastActiveAt()).isAfterOrEqualTo(first.createdAt());
        assertThat(social.interactionsReceived(first.recipientId(), 500, null).items())
                .extracting(Interaction::id)
                .contains(first.id());
    }

    @Test
    void theRules_areCheckedWhenTheBatchIsWritten_andAnswerCommittedCallers() throws Exception {
        List<Agent> agents = friends(3);
        Agent a = agents.get(0);
        Agent b = agents.get(1);
        Agent c = agents.get(2);
        social.block(a.id(), b.id());
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(() -> social.recordInteraction(
                                a.id(), b.id(), InteractionType.MESSAGE, "blocked", Ack.COMMITTED)
                        .get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(FriendshipStateException.class)
                .hasMessageContaining("blocked");
        assertThatThrownBy(() -> social.recordInteraction(
                                c.id(), 987_654_321L, InteractionType.MESSAGE, "to nobody", Ack.COMMITTED)
                        .get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        AgentNotFoundException.class,
                        e -> assertThat(e.agentId()).isEqualTo(987_654_321L));
        social.deactivate(c.id());
        assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(
                        () -> social.recordInteraction(c.id(), a.id(), InteractionType.MESSAGE, "gone", Ack.COMMITTED)
                                .get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(AgentNotFoundException.class, e -> {
                    assertThat(e.agentId()).isEqualTo(c.id());
                    assertThat(e.deactivated()).isTrue();
                });
        // Arguments are checked at once, as on the synchronous path.
        assertThatThrownBy(() -> social.recordInteraction(a.id(), a.id(), InteractionType.MESSAGE, "me"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("recipientId"));
        assertThatThrownBy(() -> social.recordInteraction(a.id(), c.id(), InteractionType.MESSAGE, "a\0b"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"));
    }

    @Test
    void aShardStoppedWhileBatchesFlush_holdsBackOnlyItsRows_whichLandAfterItReturns() throws Exception {
        servers.assumeRestartableServers();
        List<Agent> agents = friends(8);
        int stopped = 1;
        List<CompletableFuture<Interaction>> apart = new ArrayList<>();
        List<CompletableFuture<Interaction>> touching = new ArrayList<>();
        servers.shard(stopped).stopServer();
        try {
            for (int round = 0; round < 20; round++) {
                for (Agent a : agents) {
                    for (Agent b : agents) {
                        if (a.id() == b.id()) {
                            continue;
                        }
                        boolean touches = shard(a) == stopped || shard(b) == stopped;
                        // The others are COMMITTED: their futures prove their shards went on meanwhile.
                        CompletableFuture<Interaction> f = social.recordInteraction(
                                a.id(),
                                b.id(),
                                InteractionType.COMMENT,
                                "while down " + round,
                                touches ? Ack.JOURNALED : Ack.COMMITTED);
                        (touches ? touching : apart).add(f);
                    }
                }
            }
            assertThat(touching)
                    .as("the test needs writes on both sides of the outage")
                    .isNotEmpty();
            assertThat(apart).isNotEmpty();
            social.flushWrites();
            allDone(apart); // committed on their shards while the other one is down
            allDone(touching); // journaled: acknowledged while the shard is down

        } finally {
            servers.shard(stopped).startServer();
        }
        assertThat(social.close(Duration.ofSeconds(90)).complete())
                .as("everything lands once the shard is back")
                .isTrue();
        InteractionLedger ledger = InteractionLedger.read(db);
        List<Long> ids = new ArrayList<>();
        apart.forEach(f -> ids.add(f.join().id()));
        touching.forEach(f -> ids.add(f.join().id()));
        assertThat(ledger.sent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ledger.inbox.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ledger.wrongEdges).isEmpty();
    }

    @Test
    void aFullQueueUnderReject_refusesWithTheTypedError_andLosesNothingItAccepted() throws Exception {
        servers.assumeRestartableServers();
        social.close();
        social = builder()
                .writeQueue(WriteQueueConfig.builder()
                        .capacity(50)
                        .whenFull(WriteQueueConfig.WhenFull.REJECT)
                        .build())
                .build();
        List<Agent> agents = friends(2);
        Agent a = agents.get(0);
        Agent b = agents.get(1);
        servers.shard(shard(a)).stopServer();
        List<CompletableFuture<Interaction>> accepted = new ArrayList<>();
        try {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 51; i++) {
                            accepted.add(social.recordInteraction(
                                    a.id(), b.id(), InteractionType.MESSAGE, "fill " + i, Ack.JOURNALED));
                        }
                    })
                    .isInstanceOf(WriteQueueFullException.class)
                    .hasMessageStartingWith("write queue 'social.interactions' full: 50 of 50 writes wait to commit"
                            + " (policy REJECT");
        } finally {
            servers.shard(shard(a)).startServer();
        }
        assertThat(accepted).hasSize(50);
        allDone(accepted);
        QueueDrain drained = social.close(Duration.ofSeconds(90));
        assertThat(drained.complete()).isTrue();
        assertThat(InteractionLedger.read(db).sent).hasSize(50);
    }

    private int shard(Agent a) {
        return db.shardOf(ShardKey.of(a.id())).value();
    }
}
