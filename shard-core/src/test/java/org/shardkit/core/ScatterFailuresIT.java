package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardTimeoutException;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;

/** How a scatter fails: its deadline read from the injected ticker, and every failure naming its shard. */
class ScatterFailuresIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    private static ShardkitConfig config(int poolSize) {
        return config(poolSize, Duration.ofMillis(500));
    }

    private static ShardkitConfig config(int poolSize, Duration connectionTimeout) {
        return TestConfigs.withShards(
                        ShardkitConfig.builder(), servers.shards(), TestConfigs.pool(poolSize, connectionTimeout))
                .build();
    }

    @Test
    void deadline_isReadFromTheInjectedTicker_soPartsQueuedPastItNeverRun() throws InterruptedException {
        FakeClock clock = FakeClock.at(Instant.parse("2026-12-01T00:00:00Z"));
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        Set<ShardId> ran = ConcurrentHashMap.newKeySet();
        try (ShardedDatabase db = ShardedDatabase.builder(config(2))
                .nanoTicker(clock::nanoTime)
                .scatterExecutor(oneThread)
                .build()) {
            ScatterResult<Integer> r = db.scatter(
                    ScatterRequest.allShards().withDeadline(Duration.ofHours(1)).withPolicy(FailurePolicy.PARTIAL),
                    (shard, h) -> {
                        ran.add(shard);
                        int one = h.createQuery("SELECT 1").mapTo(Integer.class).one();
                        if (shard.value() == 0) {
                            // Two hours pass on the ticker while shard 0 works; no real hour passes.
                            clock.advance(Duration.ofHours(2));
                        }
                        return one;
                    });
            oneThread.shutdown();
            assertThat(oneThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(r.availableResults()).containsOnlyKeys(ShardId.of(0));
            assertThat(r.missingShards()).containsExactly(ShardId.of(1), ShardId.of(2), ShardId.of(3));
            assertThat(r.failures().values())
                    .allSatisfy(f -> assertThat(f)
                            .isInstanceOf(ShardTimeoutException.class)
                            .hasMessageEndingWith(ShardTimeoutException.QUEUED)
                            .hasMessageContaining("within the scatter deadline of 3600000 ms"));
            assertThat(ran)
                    .as("parts that got the thread after the deadline did not run")
                    .containsExactly(ShardId.of(0));
        } finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void deadlinePassedOnTheTicker_endsTheWait_whileEveryPartIsStillRunning() throws InterruptedException {
        FakeClock clock = FakeClock.at(Instant.parse("2026-12-01T00:00:00Z"));
        CountDownLatch running = new CountDownLatch(4);
        Thread mover = new Thread(() -> {
            try {
                if (running.await(30, TimeUnit.SECONDS)) {
                    clock.advance(Duration.ofHours(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ShardedDatabase db =
                ShardedDatabase.builder(config(2)).nanoTicker(clock::nanoTime).build()) {
            mover.start();
            ScatterResult<Integer> r = db.scatter(
                    ScatterRequest.allShards().withDeadline(Duration.ofHours(1)).withPolicy(FailurePolicy.PARTIAL),
                    (shard, h) -> {
                        running.countDown();
                        // Ends only when cancelled: no part finishes on its own to wake the scatter.
                        return h.createQuery("SELECT 1 FROM pg_sleep(30)")
                                .mapTo(Integer.class)
                                .one();
                    });

            assertThat(r.availableResults()).isEmpty();
            assertThat(r.missingShards()).hasSize(4);
            assertThat(r.failures().values()).allSatisfy(f -> assertThat(f).isInstanceOf(ShardTimeoutException.class));
        } finally {
            mover.join(30_000);
        }
    }

    @Test
    void timeout_whileWaitingForAConnection_saysNoStatementRan() throws Exception {
        // The pool waits longer than the scatter, so the scatter's deadline is what ends the wait.
        try (ShardedDatabase db = ShardedDatabase.create(config(1, Duration.ofSeconds(10)))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            try {
                // Shard 2's only connection is busy, so its part of the scatter waits for the pool.
                holder.submit(() -> db.useShard(ScatterGatherIT.key(db, 2), h -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

                ScatterResult<Integer> r = db.scatter(
                        ScatterRequest.allShards()
                                .withDeadline(Duration.ofSeconds(2))
                                .withPolicy(FailurePolicy.PARTIAL),
                        (shard, h) ->
                                h.createQuery("SELECT 1").mapTo(Integer.class).one());

                assertThat(r.missingShards()).containsExactly(ShardId.of(2));
                ShardTimeoutException timeout = (ShardTimeoutException)
                        Objects.requireNonNull(r.failures().get(ShardId.of(2)));
                assertThat(timeout).hasMessageEndingWith(ShardTimeoutException.CONNECTING);
                assertThat(timeout.statementCancelled()).isFalse();
                assertThat(timeout.shardId()).isEqualTo(ShardId.of(2));
            } finally {
                release.countDown();
                holder.shutdown();
            }
        }
    }

    @Test
    void timeout_ofARunningStatement_saysItWasCancelled() {
        try (ShardedDatabase db = ShardedDatabase.create(config(2))) {
            ScatterResult<Integer> r = db.scatter(
                    ScatterRequest.allShards()
                            .withDeadline(Duration.ofSeconds(2))
                            .withPolicy(FailurePolicy.PARTIAL),
                    (shard, h) -> h.createQuery("SELECT 1 FROM pg_sleep(CASE WHEN :s = 3 THEN 30 ELSE 0 END)")
                            .bind("s", shard.value())
                            .mapTo(Integer.class)
                            .one());

            assertThat(r.missingShards()).containsExactly(ShardId.of(3));
            ShardTimeoutException timeout =
                    (ShardTimeoutException) Objects.requireNonNull(r.failures().get(ShardId.of(3)));
            assertThat(timeout.statementCancelled()).isTrue();
            assertThat(timeout).hasMessageEndingWith(ShardTimeoutException.CANCELLED);
        }
    }

    @Test
    void functionsOwnException_isWrappedNamingItsShard_partialAndFailFast() {
        try (ShardedDatabase db = ShardedDatabase.create(config(2))) {
            ScatterResult<Integer> partial =
                    db.scatter(ScatterRequest.allShards().withPolicy(FailurePolicy.PARTIAL), (shard, h) -> {
                        if (shard.value() == 1) {
                            throw new IllegalStateException("bad row on purpose");
                        }
                        return 1;
                    });
            Throwable failure = Objects.requireNonNull(partial.failures().get(ShardId.of(1)));
            assertThat(failure)
                    .isInstanceOf(ShardkitException.class)
                    .hasMessageStartingWith("scatter part on shard 1 (social_1) failed: ")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(((ShardkitException) failure).shardId()).isEqualTo(ShardId.of(1));

            assertThatThrownBy(() -> db.scatter(ScatterRequest.allShards(), (shard, h) -> {
                        if (shard.value() == 2) {
                            throw new java.io.IOException("disk on purpose");
                        }
                        return 1;
                    }))
                    .isInstanceOf(ShardkitException.class)
                    .satisfies(
                            e -> assertThat(((ShardkitException) e).shardId()).isEqualTo(ShardId.of(2)));
        }
    }

    @Test
    void executorRejection_namesTheShard() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        ShardkitConfig lazy = config(2).toBuilder().startup(StartupMode.LAZY).build();
        try (ShardedDatabase db =
                ShardedDatabase.builder(lazy).scatterExecutor(stopped).build()) {
            ScatterResult<Integer> r =
                    db.scatter(ScatterRequest.allShards().withPolicy(FailurePolicy.PARTIAL), (shard, h) -> 1);

            assertThat(r.missingShards()).hasSize(4);
            r.failures().forEach((shard, f) -> {
                assertThat(f)
                        .hasMessageStartingWith("scatter part on " + shard + " (social_" + shard.value()
                                + ") refused by the scatter executor");
                assertThat(((ShardkitException) f).shardId()).isEqualTo(shard);
            });
        }
    }
}
