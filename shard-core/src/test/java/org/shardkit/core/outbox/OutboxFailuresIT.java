package org.shardkit.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shardkit.core.outbox.OutboxFixture.appliedOn;
import static org.shardkit.core.outbox.OutboxFixture.attemptsOf;
import static org.shardkit.core.outbox.OutboxFixture.recording;
import static org.shardkit.core.outbox.OutboxFixture.send;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;

/** Failing handlers, a target down, a source down: what waits, what goes on, and the backoff. */
class OutboxFailuresIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(3).build();

    private final FakeClock clock = FakeClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    private ShardedDatabase db;
    private String outboxTable;
    private String applied;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void open() {
        db = OutboxFixture.database(servers);
        outboxTable = OutboxFixture.uniqueName("outbox");
        applied = OutboxFixture.uniqueName("applied");
        OutboxFixture.createAppliedTable(db, applied);
        logs = OutboxFixture.captureLogs();
    }

    @AfterEach
    void closeDatabase() {
        OutboxFixture.stopCapturing(logs);
        db.close();
    }

    private Outbox.Builder outbox(OutboxHandler handler) {
        return Outbox.builder(db)
                .table(outboxTable)
                .handler("k", handler)
                .clock(clock)
                .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    /**
     * An outbox on the real clock with short waits, for tests that restart a server: the first
     * call after a restart may meet a pooled connection to the old server process and fail once
     * more, so they wait for the relay with {@link Outbox#awaitDrained} rather than counting passes.
     */
    private Outbox realTimeOutbox(OutboxHandler handler) {
        return Outbox.builder(db)
                .table(outboxTable)
                .handler("k", handler)
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build();
    }

    @Test
    void failingHandler_blocksLaterMessagesOfThePair_retriesWithBackoff_thenResumesInOrder() {
        AtomicBoolean broken = new AtomicBoolean(true);
        OutboxHandler record = recording(applied);
        OutboxHandler failsOnM3 = (h, m) -> {
            if (broken.get() && m.payload().equals("m3")) {
                throw new IllegalStateException("no agent row for m3 yet");
            }
            record.apply(h, m);
        };
        try (Outbox outbox = outbox(failsOnM3).build()) {
            for (String m : new String[] {"m1", "m2", "m3", "m4", "m5"}) {
                send(db, outbox, 0, 1, "k", m);
            }
            send(db, outbox, 0, 2, "k", "other pair");

            assertThat(outbox.relayOnce()).isEqualTo(3);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("m1", "m2");
            assertThat(appliedOn(db, 2, applied, 0)).containsExactly("other pair");
            assertThat(attemptsOf(db, 0, outboxTable, "m3"))
                    .isEqualTo("1: java.lang.IllegalStateException: no agent row for m3 yet");
            assertThat(attemptsOf(db, 0, outboxTable, "m4")).isEqualTo("0: ");
            assertThat(logs.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains(outboxTable, "(kind k)", "from shard 0 to shard 1", "attempt 1", "1000 ms")
                            .contains("no agent row for m3 yet")
                            .containsPattern("message \\d+ "));

            // Backing off: not tried again before the first wait of 1 s has passed.
            clock.advance(Duration.ofMillis(999));
            assertThat(outbox.relayOnce()).isZero();
            assertThat(attemptsOf(db, 0, outboxTable, "m3")).startsWith("1: ");

            clock.advance(Duration.ofMillis(1));
            assertThat(outbox.relayOnce()).isZero();
            assertThat(attemptsOf(db, 0, outboxTable, "m3")).startsWith("2: ");

            // The wait doubles: 2 s after the second failure.
            clock.advance(Duration.ofMillis(1999));
            assertThat(outbox.relayOnce()).isZero();
            assertThat(attemptsOf(db, 0, outboxTable, "m3")).startsWith("2: ");
            clock.advance(Duration.ofMillis(1));
            assertThat(outbox.relayOnce()).isZero();
            assertThat(attemptsOf(db, 0, outboxTable, "m3")).startsWith("3: ");

            // Capped at 4 s from then on.
            clock.advance(Duration.ofSeconds(4));
            assertThat(outbox.relayOnce()).isZero();
            clock.advance(Duration.ofMillis(3999));
            assertThat(outbox.relayOnce()).isZero();
            assertThat(attemptsOf(db, 0, outboxTable, "m3")).startsWith("4: ");

            broken.set(false);
            clock.advance(Duration.ofMillis(1));
            assertThat(outbox.relayOnce()).isEqualTo(3);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(outbox.pending()).isZero();
        }
    }

    @Test
    void targetDown_otherTargetsGoOn_andItsMessagesAreAppliedWhenItReturns() {
        servers.assumeRestartableServers();
        try (Outbox outbox = realTimeOutbox(recording(applied))) {
            send(db, outbox, 0, 2, "k", "to 2, first");
            send(db, outbox, 0, 1, "k", "to 1");
            send(db, outbox, 0, 2, "k", "to 2, second");
            servers.shard(2).stopServer();

            assertThat(outbox.relayOnce()).isEqualTo(1);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("to 1");
            assertThat(attemptsOf(db, 0, outboxTable, "to 2, first"))
                    .startsWith("1: ")
                    .contains("shard 2", "unavailable");
            assertThat(attemptsOf(db, 0, outboxTable, "to 2, second")).isEqualTo("0: ");
            send(db, outbox, 0, 1, "k", "to 1, while 2 is down");
            assertThat(outbox.relayOnce()).isEqualTo(1);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("to 1", "to 1, while 2 is down");

            servers.shard(2).startServer();
            assertThat(outbox.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(appliedOn(db, 2, applied, 0)).containsExactly("to 2, first", "to 2, second");
        }
    }

    @Test
    void sourceDown_isSkipped_otherSourcesGoOn_andItRelaysWhenItReturns() {
        servers.assumeRestartableServers();
        try (Outbox outbox = realTimeOutbox(recording(applied))) {
            send(db, outbox, 2, 1, "k", "from 2");
            send(db, outbox, 0, 1, "k", "from 0");
            servers.shard(2).stopServer();

            assertThat(outbox.relayOnce()).isEqualTo(1);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("from 0");
            assertThat(outbox.pending()).as("shard 2 unreachable, not counted").isZero();
            assertThat(outbox.awaitDrained(Duration.ofMillis(1)))
                    .as("unknown is not drained")
                    .isFalse();
            assertThat(logs.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("skips source shard 2"));

            servers.shard(2).startServer();
            assertThat(outbox.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(appliedOn(db, 1, applied, 2)).containsExactly("from 2");
        }
    }

    @Test
    void messageOfAKindThisProcessDoesNotHandle_failsAndWaits_withoutBlockingOtherPairs() {
        try (Outbox writer = Outbox.builder(db)
                        .table(outboxTable)
                        .handler("k", recording(applied))
                        .handler("newer.kind", recording(applied))
                        .clock(clock)
                        .build();
                Outbox olderRelay = outbox(recording(applied)).build()) {
            send(db, writer, 0, 1, "newer.kind", "unknown here");
            send(db, writer, 0, 2, "k", "known");

            assertThat(olderRelay.relayOnce()).isEqualTo(1);
            assertThat(attemptsOf(db, 0, outboxTable, "unknown here"))
                    .startsWith("1: ")
                    .contains("no handler for kind 'newer.kind'");
            clock.advance(Duration.ofSeconds(1));
            assertThat(writer.relayOnce()).as("a process that knows the kind").isEqualTo(1);
            assertThat(appliedOn(db, 1, applied, 0)).containsExactly("unknown here");
        }
    }
}
