package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.metrics.CircuitState;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.testing.ShardServersExtension;

/**
 * Issue 16, case 8: pool exhaustion. Forty callers at once on one shard whose pool holds four
 * connections, each caller holding its connection for 1.5 s: four run, and the others are refused
 * once the shard's connection timeout (500 ms) has passed, with a {@link LimitExceededException}
 * that names the shard, the wait and the pool's state; every caller returns, the other shard serves
 * meanwhile, and afterwards the pool is idle again, the breaker closed, and a query succeeds at once.
 *
 * <p>Callers queue at the shard's concurrency limit, which by default equals its connections, so no
 * guarded call ever waits inside the pool itself; the refusal is the limit's, not the pool's, and it
 * is not counted by the breaker (a busy shard is not a dead one).
 */
@Tag("reliability")
class PoolExhaustionIT {
    private static final ShardId BUSY = ShardId.of(0);
    private static final ShardId OTHER = ShardId.of(1);
    private static final int CONNECTIONS = 4;
    private static final int CALLERS = 10 * CONNECTIONS;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    private static final Duration HOLD = Duration.ofMillis(1500);
    /** Every caller returns within this: a generous bound on hold + wait, to tell "slow" from "hung". */
    private static final Duration NO_HANG_BOUND = Duration.ofSeconds(15);

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    /** How one caller ended: when (ns on {@code System.nanoTime}), and its failure, if any. */
    private record Outcome(long start, long end, @Nullable Throwable error) {}

    @Test
    void tenTimesMoreCallersThanConnections_theRestAreRefusedTypedWithThePoolsState_noneHang_andThePoolServesAfter()
            throws Exception {
        PoolConfig pool = PoolConfig.builder()
                .maximumSize(CONNECTIONS)
                .minimumIdle(0)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .build();
        try (ShardedDatabase db =
                ShardedDatabase.create(SocialTestbed.config(SocialTestbed.endpoints(servers), 3, pool, b -> b))) {
            db.withShardId(BUSY, h -> h.execute("SELECT 1"));
            db.withShardId(OTHER, h -> h.execute("SELECT 1"));

            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            CountDownLatch ready = new CountDownLatch(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < CALLERS; i++) {
                callers.submit(() -> {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    Throwable error = null;
                    try {
                        db.withShardId(BUSY, h -> h.execute("SELECT pg_sleep(?)", HOLD.toMillis() / 1000.0));
                    } catch (RuntimeException e) {
                        error = e;
                    }
                    outcomes.add(new Outcome(start, System.nanoTime(), error));
                    return null;
                });
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            long began = System.nanoTime();
            go.countDown();
            // While the storm runs: the other shard answers, and the busy pool is full.
            long otherStart = System.nanoTime();
            int other = db.withShardId(
                    OTHER, h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            long otherNanos = System.nanoTime() - otherStart;
            callers.shutdown();
            boolean allReturned = callers.awaitTermination(NO_HANG_BOUND.toSeconds(), TimeUnit.SECONDS);
            long stormNanos = System.nanoTime() - began;
            callers.shutdownNow();

            PoolHealth after = db.poolHealth(BUSY);
            CircuitState breaker = db.circuitState(BUSY);
            long queryStart = System.nanoTime();
            int answer = db.withShardId(
                    BUSY, h -> h.createQuery("SELECT 42").mapTo(Integer.class).one());
            long queryNanos = System.nanoTime() - queryStart;

            List<Outcome> refused =
                    outcomes.stream().filter(o -> o.error() != null).toList();
            List<Long> refusalNanos =
                    refused.stream().map(o -> o.end() - o.start()).toList();
            ReliabilityFigures.of(8)
                    .put("connections", CONNECTIONS)
                    .put("callers", CALLERS)
                    .put("holdMs", HOLD.toMillis())
                    .put("connectionTimeoutMs", CONNECTION_TIMEOUT.toMillis())
                    .put("served", outcomes.size() - refused.size())
                    .put("refused", refused.size())
                    .put("hung", CALLERS - outcomes.size())
                    .put(
                            "timeToRefusalMaxMs",
                            ReliabilityFigures.millis(ReliabilityFigures.percentile(refusalNanos, 100)))
                    .put(
                            "timeToRefusalP99Ms",
                            ReliabilityFigures.millis(ReliabilityFigures.percentile(refusalNanos, 99)))
                    .put("allReturnedMs", TimeUnit.NANOSECONDS.toMillis(stormNanos))
                    .put("otherShardQueryMs", ReliabilityFigures.millis(otherNanos))
                    .put("activeAfter", after.active())
                    .put("waitingAfter", after.waiting())
                    .put("breakerAfter", breaker)
                    .put("firstQueryAfterMs", ReliabilityFigures.millis(queryNanos))
                    .report();

            assertThat(allReturned)
                    .as("every caller returned within %s", NO_HANG_BOUND)
                    .isTrue();
            assertThat(outcomes).hasSize(CALLERS);
            assertThat(outcomes.size() - refused.size())
                    .as("callers served: at least one per connection")
                    .isGreaterThanOrEqualTo(CONNECTIONS);
            assertThat(refused).as("callers beyond capacity are refused").hasSizeGreaterThanOrEqualTo(CALLERS / 2);
            assertThat(refused)
                    .allSatisfy(o -> assertThat(o.error())
                            .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                                assertThat(e.shardId()).isEqualTo(BUSY);
                                assertThat(e.limit()).isEqualTo(CONNECTIONS + " concurrent calls");
                            })
                            .hasMessageStartingWith(
                                    "shard 0 (social_0) concurrency limit reached (4 concurrent calls): "
                                            + "no place within 500 ms (active=")
                            .hasMessageContaining("idle=")
                            .hasMessageContaining("waiting=")
                            .hasMessageEndingWith("max=4)"));
            assertThat(other).as("the other shard served during the storm").isEqualTo(1);
            assertThat(after.active())
                    .as("no connection left in use: %s", after)
                    .isZero();
            assertThat(after.waiting()).as("no thread left waiting: %s", after).isZero();
            assertThat(breaker).as("a busy shard does not open its breaker").isEqualTo(CircuitState.CLOSED);
            assertThat(answer).as("the pool serves afterwards").isEqualTo(42);
        }
    }
}
