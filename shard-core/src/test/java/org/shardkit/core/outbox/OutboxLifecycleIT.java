package org.shardkit.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.core.outbox.OutboxFixture.keyOn;
import static org.shardkit.core.outbox.OutboxFixture.send;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;

/** The relay thread's start, wake-up and stop, and the meters. */
class OutboxLifecycleIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private ShardedDatabase db;
    private String outboxTable;

    @BeforeEach
    void open() {
        db = OutboxFixture.database(servers);
        outboxTable = OutboxFixture.uniqueName("outbox");
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /**
     * The poll interval is an hour, so only the commit's wake-up can make the relay thread apply the
     * message before the latch gives up.
     */
    @Test
    void start_committedMessage_wakesTheRelayThread_whichAppliesIt() throws Exception {
        CountDownLatch applied = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try (Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler("k", (h, m) -> {
                    threads.add(Thread.currentThread().getName());
                    applied.countDown();
                })
                .pollInterval(Duration.ofHours(1))
                .build()) {
            outbox.start();
            String name = Outbox.THREAD_NAME + "-" + outboxTable;
            assertThat(outbox.isRelaying()).isTrue();
            assertThat(threadNamed(name)).isTrue();

            send(db, outbox, 0, 1, "k", "wake up");

            assertThat(applied.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).containsExactly(name);
            assertThatThrownBy(outbox::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("started already");
        }
    }

    @Test
    void close_stopsTheThread_isIdempotent_andLaterCallsAreRefused() {
        Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler("k", (h, m) -> {})
                .pollInterval(Duration.ofHours(1))
                .build();
        outbox.start();
        String name = Outbox.THREAD_NAME + "-" + outboxTable;

        outbox.close();

        assertThat(outbox.isRelaying()).isFalse();
        assertThat(threadNamed(name)).isFalse();
        outbox.close();
        assertThatThrownBy(outbox::relayOnce)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox " + outboxTable + " is closed");
        assertThatThrownBy(outbox::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox " + outboxTable + " is closed");
        assertThatThrownBy(() -> db.useTransaction(
                        keyOn(db, 0), h -> outbox.enqueue(h, ShardId.of(0), ShardId.of(1), "k", "late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox " + outboxTable + " is closed");
    }

    @Test
    void meters_countCommittedAppliedAndFailed_timePasses_andGaugeTheOldestMessage() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeClock clock = FakeClock.at(Instant.parse("2030-01-01T00:00:00Z"));
        AtomicBoolean failing = new AtomicBoolean(true);
        try (Outbox outbox = Outbox.builder(db)
                .table(outboxTable)
                .handler("k", (h, m) -> {
                    if (failing.get()) {
                        throw new IllegalStateException("not yet");
                    }
                })
                .meterRegistry(registry)
                .clock(clock)
                .build()) {
            send(db, outbox, 0, 1, "k", "counted");
            assertThatThrownBy(() -> db.useTransaction(keyOn(db, 0), h -> {
                        outbox.enqueue(h, ShardId.of(0), ShardId.of(1), "k", "rolled back, not counted");
                        throw new IllegalStateException("rollback");
                    }))
                    .hasMessage("rollback");

            assertThat(count(registry, OutboxMeters.ENQUEUED)).isEqualTo(1.0);

            outbox.relayOnce();
            assertThat(count(registry, OutboxMeters.FAILED)).isEqualTo(1.0);
            assertThat(count(registry, OutboxMeters.APPLIED)).isZero();
            assertThat(oldestAge(registry, 0))
                    .as("seconds since the database's now()")
                    .isPositive();
            assertThat(oldestAge(registry, 1)).isZero();

            failing.set(false);
            clock.advance(Outbox.DEFAULT_INITIAL_BACKOFF);
            outbox.relayOnce();
            outbox.relayOnce(); // the gauge reads what this pass saw: nothing left
            assertThat(count(registry, OutboxMeters.APPLIED)).isEqualTo(1.0);
            assertThat(oldestAge(registry, 0)).isZero();
            assertThat(registry.get(OutboxMeters.RELAY_PASS).timer().count()).isEqualTo(3);
        }
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        return registry
                .find(name)
                .tags(OutboxMeters.SOURCE, "0", OutboxMeters.TARGET, "1", OutboxMeters.KIND, "k")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static double oldestAge(SimpleMeterRegistry registry, int source) {
        return registry.get(OutboxMeters.OLDEST_AGE)
                .tag(OutboxMeters.SOURCE, String.valueOf(source))
                .gauge()
                .value();
    }
}
