package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ChildJvm;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} with journaled interactions in flight: child JVMs ({@link CrashWriter}) write
 * interactions between friends (acknowledged {@code JOURNALED}, one in four {@code COMMITTED}) and
 * are killed at random moments, each next child replaying the journal the last one left; a last child
 * drains, and one more finds nothing left to replay. Then every acknowledged interaction is in the
 * database, with exactly one inbox copy, no copy is without its interaction, and every friendship's
 * count and strength equal a recount of the rows (an interaction replayed after its commit would
 * count twice).
 */
@Tag("reliability")
class InteractionCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionCrashIT.class);
    private static final int ROUNDS = 5;

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    @TempDir
    Path dir;

    @Test
    void killedMidStream_everyAcknowledgedInteractionLands_exactlyOnce_andStrengthsEqualARecount() throws Exception {
        long seed = new Random().nextLong();
        LOG.info("crash test seed {}", seed);
        Random random = new Random(seed);
        List<String> pairs = new ArrayList<>();
        try (ShardedDatabase db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
                SocialRepository social = SocialRepository.create(db)) {
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                agents.add(SocialTestbed.agent(social, "crash"));
            }
            for (int i = 0; i < agents.size(); i++) {
                for (int j = i + 1; j < agents.size(); j += 1 + random.nextInt(4)) {
                    social.requestFriendship(agents.get(i).id(), agents.get(j).id());
                    social.acceptFriendship(agents.get(j).id(), agents.get(i).id());
                    pairs.add(agents.get(i).id() + ":" + agents.get(j).id());
                }
            }
            assertThat(social.awaitConverged(Duration.ofSeconds(30))).isTrue();
        }

        Path acks = dir.resolve("acks.txt");
        for (int round = 1; round <= ROUNDS; round++) {
            long before = acknowledged(acks).size();
            long target = before + 200 + random.nextInt(3_000);
            try (ChildJvm child = start("write", round, pairs, acks, random.nextLong())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (acknowledged(acks).size() < target) {
                    assertThat(child.isAlive())
                            .as("the child of round %d died on its own; see %s", round, child.log())
                            .isTrue();
                    assertThat(System.nanoTime())
                            .as("round %d reached %d acks in 120 s", round, target)
                            .isLessThan(deadline);
                    child.process().waitFor(random.nextInt(20) + 1, TimeUnit.MILLISECONDS);
                }
                child.kill(); // SIGKILL: no shutdown hook, no close, whatever is in flight
            }
            LOG.info(
                    "round {}: killed after {} acknowledgements",
                    round,
                    acknowledged(acks).size());
        }
        try (ChildJvm drain = start("drain", ROUNDS + 1, pairs, acks, 0)) {
            assertThat(drain.awaitExit(Duration.ofSeconds(120)))
                    .as("the draining child's exit; its log:%n%s", drain.logText())
                    .isZero();
        }
        try (ChildJvm check = start("check", ROUNDS + 2, pairs, acks, 0)) {
            assertThat(check.awaitExit(Duration.ofSeconds(120)))
                    .as("after a clean drain the journal holds nothing; its log:%n%s", check.logText())
                    .isZero();
        }

        Set<Long> acked = acknowledged(acks);
        assertThat(acked.size()).isGreaterThan(ROUNDS * 200);
        try (ShardedDatabase db = ShardedDatabase.create(SocialTestbed.config(servers, b -> b))) {
            InteractionLedger ledger = InteractionLedger.read(db);
            assertThat(ledger.sent.keySet())
                    .as("every acknowledged interaction is written")
                    .containsAll(acked);
            assertThat(ledger.sent.values()).as("exactly once").containsOnly(1);
            assertThat(ledger.inbox.keySet())
                    .as("every written interaction has its inbox copy, and no copy is without one")
                    .isEqualTo(ledger.sent.keySet());
            assertThat(ledger.inbox.values()).as("one copy each").containsOnly(1);
            assertThat(ledger.wrongEdges)
                    .as("counts and strengths equal a recount")
                    .isEmpty();
            LOG.info(
                    "{} acknowledged, {} written (journaled but killed before the ack was recorded: {})",
                    acked.size(),
                    ledger.sent.size(),
                    ledger.sent.size() - acked.size());
        }
    }

    private ChildJvm start(String mode, int round, List<String> pairs, Path acks, long seed) throws IOException {
        Properties p = SocialTestbed.handOver(servers);
        p.setProperty("workerId", String.valueOf(100 + round));
        p.setProperty("journal", dir.resolve("journal").toString());
        p.setProperty("acks", acks.toString());
        p.setProperty("pairs", String.join(",", pairs));
        p.setProperty("seed", String.valueOf(seed));
        p.setProperty("mode", mode);
        return ChildJvm.start(CrashWriter.class, p, dir, "round-" + round, "-Xmx256m");
    }

    /** The ids in the ack file; a last line a kill cut short (no newline) does not count. */
    private static Set<Long> acknowledged(Path acks) throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!Files.exists(acks)) {
            return ids;
        }
        String text = new String(Files.readAllBytes(acks), StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return ids;
        }
        for (String line : text.substring(0, end).split("\n")) {
            ids.add(Long.parseLong(line));
        }
        return ids;
    }
}
