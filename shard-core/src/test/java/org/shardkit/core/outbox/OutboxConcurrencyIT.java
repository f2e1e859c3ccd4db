package org.shardkit.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shardkit.core.outbox.OutboxFixture.appliedOn;
import static org.shardkit.core.outbox.OutboxFixture.keyOn;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/** Two processes relaying the same shards at once: every pair still applied once each, in order. */
class OutboxConcurrencyIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private static final int MESSAGES = 150;

    @Test
    void twoRelays_concurrently_applyEachPairInOrder_andNoMessageTwiceAtOnce() throws Exception {
        String outboxTable = OutboxFixture.uniqueName("outbox");
        String applied = OutboxFixture.uniqueName("applied");
        List<String> violations = new CopyOnWriteArrayList<>();
        Set<String> relayThreads = ConcurrentHashMap.newKeySet();
        // Inside the target transaction: the message must follow the last one applied from its
        // source. Two relays applying one pair at once would both read the same last one, and one
        // would see its predecessor missing.
        OutboxHandler checksPredecessor = (h, m) -> {
            int n = Integer.parseInt(m.payload());
            int last = h.select(
                            "SELECT coalesce(max(payload::int), 0) FROM " + applied + " WHERE source = ?",
                            m.source().value())
                    .mapTo(Integer.class)
                    .one();
            if (last != n - 1) {
                violations.add(m.source() + " -> " + m.target() + ": " + n + " applied after " + last);
            }
            OutboxFixture.recording(applied).apply(h, m);
            relayThreads.add(Thread.currentThread().getName() + "@" + System.identityHashCode(h.getJdbi()));
        };
        try (ShardedDatabase process1 = OutboxFixture.database(servers);
                ShardedDatabase process2 = OutboxFixture.database(servers)) {
            OutboxFixture.createAppliedTable(process1, applied);
            try (Outbox relay1 = outbox(process1, outboxTable, checksPredecessor);
                    Outbox relay2 = outbox(process2, outboxTable, checksPredecessor)) {
                relay1.start();
                relay2.start();
                // Each process writes one direction while both relay threads run.
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(process1, relay1, 0));
                write(process2, relay2, 1);
                writer.get();

                // awaitDrained relays on this thread too: three relays at once at the end.
                assertThat(relay1.awaitDrained(Duration.ofSeconds(120))).isTrue();
            }
            List<String> expected =
                    IntStream.rangeClosed(1, MESSAGES).mapToObj(String::valueOf).toList();
            assertThat(violations).isEmpty();
            assertThat(relayThreads).as("relays that applied messages").hasSizeGreaterThan(1);
            assertThat(appliedOn(process1, 1, applied, 0)).containsExactlyElementsOf(expected);
            assertThat(appliedOn(process1, 0, applied, 1)).containsExactlyElementsOf(expected);
        }
    }

    private static Outbox outbox(ShardedDatabase db, String table, OutboxHandler handler) {
        return Outbox.builder(db)
                .table(table)
                .handler("seq", handler)
                .batchSize(10)
                .pollInterval(Duration.ofMillis(5))
                .build();
    }

    /** Writes 1..MESSAGES from the source to the other shard, one transaction each. */
    private static void write(ShardedDatabase db, Outbox outbox, int source) {
        for (int n = 1; n <= MESSAGES; n++) {
            String payload = String.valueOf(n);
            db.useTransaction(
                    keyOn(db, source),
                    h -> outbox.enqueue(h, ShardId.of(source), ShardId.of(1 - source), "seq", payload));
        }
    }
}
