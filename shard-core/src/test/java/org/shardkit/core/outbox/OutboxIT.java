package org.shardkit.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.core.outbox.OutboxFixture.appliedOn;
import static org.shardkit.core.outbox.OutboxFixture.keyOn;
import static org.shardkit.core.outbox.OutboxFixture.recording;
import static org.shardkit.core.outbox.OutboxFixture.send;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/** What a relay applies: committed messages only, in order per pair, again after a lost delete. */
class OutboxIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private ShardedDatabase db;
    private String outboxTable;
    private String applied;

    @BeforeEach
    void open() {
        db = OutboxFixture.database(servers);
        outboxTable = OutboxFixture.uniqueName("outbox");
        applied = OutboxFixture.uniqueName("applied");
        OutboxFixture.createAppliedTable(db, applied);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void enqueue_inCommittedTransaction_isAppliedOnTargetAsTheHandlerDoesIt() {
        try (Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler(
                        "friend.mirror",
                        (h, m) -> h.execute(
                                "INSERT INTO " + applied + " (source, message_id, payload) VALUES (?, ?, upper(?))",
                                m.source().value(),
                                m.id(),
                                m.payload()))
                .build()) {
            db.useTransaction(keyOn(db, 0), h -> {
                h.execute("INSERT INTO " + applied + " (source, message_id, payload) VALUES (0, 0, 'own row')");
                outbox.enqueue(h, ShardId.of(0), ShardId.of(1), "friend.mirror", "agent 7 befriends agent 9");
            });
            assertThat(outbox.pending()).isEqualTo(1);

            assertThat(outbox.relayOnce()).isEqualTo(1);

            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("AGENT 7 BEFRIENDS AGENT 9");
            assertThat(appliedOn(db, 0, applied, 0)).containsExactly("own row");
            assertThat(outbox.pending()).isZero();
            assertThat(outbox.relayOnce()).isZero();
        }
    }

    @Test
    void enqueue_inRolledBackTransaction_isNeverApplied() {
        try (Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler("k", recording(applied))
                .build()) {
            assertThatThrownBy(() -> db.useTransaction(keyOn(db, 0), h -> {
                        outbox.enqueue(h, ShardId.of(0), ShardId.of(1), "k", "rolled back");
                        throw new IllegalStateException("the caller's change fails");
                    }))
                    .hasMessage("the caller's change fails");

            assertThat(outbox.pending()).isZero();
            assertThat(outbox.relayOnce()).isZero();
            assertThat(appliedOn(db, 1, applied, 0)).isEmpty();
        }
    }

    @Test
    void relay_manyMessagesBothWays_appliesEachPairInIdOrder() {
        try (Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler("k", recording(applied))
                .batchSize(7)
                .build()) {
            List<String> expected = IntStream.rangeClosed(1, 120)
                    .mapToObj(i -> String.format("m%03d", i))
                    .toList();
            // Several messages per transaction, both directions interleaved.
            for (int from = 0; from < expected.size(); from += 5) {
                List<String> chunk = expected.subList(from, from + 5);
                for (int source = 0; source < 2; source++) {
                    int s = source;
                    db.useTransaction(keyOn(db, s), h -> {
                        for (String payload : chunk) {
                            outbox.enqueue(h, ShardId.of(s), ShardId.of(1 - s), "k", payload);
                        }
                    });
                }
            }

            assertThat(outbox.awaitDrained(Duration.ofSeconds(60))).isTrue();

            assertThat(appliedOn(db, 1, applied, 0)).containsExactlyElementsOf(expected);
            assertThat(appliedOn(db, 0, applied, 1)).containsExactlyElementsOf(expected);
        }
    }

    /**
     * A lost source transaction after the handler committed: the delete rolls back, so the message
     * is applied again. The handler here ends the relay's source connection from inside, the way
     * a crash or a network cut between the two commits would.
     */
    @Test
    void relay_sourceLostAfterApplyBeforeDelete_appliesTheMessageAgain() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean cutOnce = new AtomicBoolean(true);
        OutboxHandler idempotent = (h, m) -> {
            seen.add(m.id());
            h.execute(
                    "INSERT INTO " + applied + " (seq, source, message_id, payload) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (seq) DO NOTHING",
                    m.id(),
                    m.source().value(),
                    m.id(),
                    m.payload());
            if (cutOnce.getAndSet(false)) {
                terminateRelaySourceConnection(0);
            }
        };
        try (Outbox outbox =
                Outbox.builder(db).table(outboxTable).handler("k", idempotent).build()) {
            send(db, outbox, 0, 1, "k", "once, really");

            assertThat(outbox.relayOnce()).as("the handler committed").isEqualTo(1);
            assertThat(outbox.pending()).as("its delete was lost").isEqualTo(1);

            assertThat(outbox.relayOnce()).isEqualTo(1);
            assertThat(outbox.pending()).isZero();
            assertThat(seen).hasSize(2).containsOnly(seen.get(0));
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("once, really");
        }
    }

    /** Ends the backend of the relay's open source transaction on a shard, and waits until it is gone. */
    private void terminateRelaySourceConnection(int shard) throws Exception {
        try (Connection c = servers.shard(shard).dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                        + " WHERE state = 'idle in transaction' AND query LIKE '%FROM " + outboxTable
                        + " WHERE target_shard%'")) {
            List<Boolean> ended = new ArrayList<>();
            while (rs.next()) {
                ended.add(rs.getBoolean(1));
            }
            assertThat(ended).as("the relay's source connection").containsExactly(true);
        }
    }
}
