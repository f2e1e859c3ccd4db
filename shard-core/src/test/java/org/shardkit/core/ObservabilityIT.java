package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.LimitsConfig;
import org.shardkit.core.config.MetricsConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.LoggerFactory;

class ObservabilityIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> slowLog = new ListAppender<>();
    private final Logger slowLogger = (Logger) LoggerFactory.getLogger(SlowQueryLogger.LOGGER_NAME);

    @BeforeEach
    void attach() {
        slowLog.start();
        slowLogger.addAppender(slowLog);
    }

    @AfterEach
    void detach() {
        slowLogger.detachAppender(slowLog);
    }

    private ShardedDatabase open(MetricsConfig metrics, LimitsConfig limits) {
        ShardkitConfig.Builder b = TestConfigs.withShards(
                ShardkitConfig.builder().metrics(metrics).limits(limits),
                servers.shards(),
                TestConfigs.pool(2, Duration.ofMillis(300)));
        return ShardedDatabase.builder(b.build()).meterRegistry(registry).build();
    }

    @Test
    void timers_areTaggedByShardOperationAndOutcome_withPercentiles() {
        try (ShardedDatabase db = open(MetricsConfig.defaults(), LimitsConfig.defaults())) {
            ShardKey k0 = ScatterGatherIT.key(db, 0);
            for (int i = 0; i < 5; i++) {
                db.useShard(k0, h -> h.execute("SELECT 1"));
            }
            db.useTransaction(k0, h -> h.execute("SELECT 1"));
            assertThatThrownBy(() -> db.useShard(k0, h -> h.execute("SELECT * FROM no_such_table")))
                    .isInstanceOf(ShardQueryException.class)
                    .hasMessageContaining("[SQLState 42P01]");
            db.scatter(ScatterRequest.allShards().named("probe"), (shard, h) -> 1);

            Timer writes = registry.get("shardkit.query")
                    .tags("shard", "0", "operation", "write", "outcome", "success")
                    .timer();
            assertThat(writes.count()).isEqualTo(5);
            assertThat(writes.takeSnapshot().percentileValues())
                    .extracting(v -> v.percentile())
                    .containsExactly(0.5, 0.95, 0.99);
            assertThat(registry.get("shardkit.query")
                            .tags("shard", "0", "operation", "transaction", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("shardkit.query")
                            .tags("shard", "0", "operation", "write", "outcome", "error")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("shardkit.query")
                            .tags("shard", "1", "operation", "probe", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("shardkit.scatter.fanout").summary().totalAmount())
                    .isEqualTo(2);
            assertThat(registry.get("shardkit.breaker.state")
                            .tag("shard", "0")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("hikaricp.connections.max")
                            .tag("pool", "shardkit-social_0-primary")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(registry.get("shardkit.pool.health")
                            .tag("shard", "1")
                            .gauge()
                            .value())
                    .isZero();
        }
    }

    @Test
    void poolHealth_isCriticalWhenEveryConnectionIsTaken() throws Exception {
        try (ShardedDatabase db = open(MetricsConfig.defaults(), LimitsConfig.defaults())) {
            ShardKey k0 = ScatterGatherIT.key(db, 0);
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 2; i++) {
                    pool.submit(() -> {
                        db.useTransaction(k0, h -> {
                            holding.countDown();
                            release.await(30, TimeUnit.SECONDS);
                        });
                        return null;
                    });
                }
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

                PoolHealth health = db.poolHealth(ShardId.of(0));
                assertThat(health.level()).isEqualTo(PoolHealth.Level.CRITICAL);
                assertThat(health.utilization()).isEqualTo(1.0);
                assertThat(health.recommendations())
                        .first()
                        .asString()
                        .startsWith("raise pool.maximumSize for shard 0");
                assertThat(registry.get("shardkit.pool.health")
                                .tag("shard", "0")
                                .gauge()
                                .value())
                        .isEqualTo(2);
                assertThat(db.poolHealth(ShardId.of(1)).level()).isEqualTo(PoolHealth.Level.HEALTHY);
            } finally {
                release.countDown();
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void slowQueryLog_firesOverTheThreshold_notUnder_andHidesBindValues() {
        try (ShardedDatabase db = open(
                MetricsConfig.builder()
                        .slowQueryThreshold(Duration.ofMillis(200))
                        .build(),
                LimitsConfig.defaults())) {
            ShardKey k1 = ScatterGatherIT.key(db, 1);
            db.useShard(
                    k1,
                    h -> h.createQuery("SELECT :v::int")
                            .bind("v", 424242)
                            .mapTo(Integer.class)
                            .one());
            assertThat(slowLog.list).isEmpty();

            db.useShard(
                    k1,
                    h -> h.createQuery("SELECT :v::int FROM pg_sleep(0.3)")
                            .bind("v", 424242)
                            .mapTo(Integer.class)
                            .one());

            assertThat(slowLog.list).hasSize(1);
            String line = slowLog.list.get(0).getFormattedMessage();
            assertThat(line)
                    .startsWith("slow query on shard 1 (social_1): ")
                    .contains("(threshold 200 ms)")
                    .contains("pg_sleep(0.3)")
                    .doesNotContain("424242");
        }
    }

    @Test
    void slowQueryLog_showsBindValuesWhenEnabled() {
        try (ShardedDatabase db = open(
                MetricsConfig.builder()
                        .slowQueryThreshold(Duration.ZERO)
                        .logBindValues(true)
                        .build(),
                LimitsConfig.defaults())) {
            db.useShard(
                    ScatterGatherIT.key(db, 0),
                    h -> h.createQuery("SELECT :v::int")
                            .bind("v", 424242)
                            .mapTo(Integer.class)
                            .one());
            assertThat(slowLog.list)
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("424242"));
        }
    }

    @Test
    void shardBulkhead_rejectsPastItsLimit_namingIt() throws Exception {
        try (ShardedDatabase db = open(
                MetricsConfig.defaults(),
                LimitsConfig.builder().maxConcurrentPerShard(1).build())) {
            ShardKey k0 = ScatterGatherIT.key(db, 0);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> holder = pool.submit(() -> {
                    db.useTransaction(k0, h -> {
                        holding.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    });
                    return null;
                });
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

                assertThatThrownBy(() -> db.useShard(k0, h -> h.execute("SELECT 1")))
                        .isInstanceOf(LimitExceededException.class)
                        .hasMessageStartingWith("shard 0 (social_0) concurrency limit reached (1 concurrent calls):"
                                + " no place within 300 ms (active=1, idle=")
                        .hasMessageEndingWith(", waiting=0, max=2)")
                        .satisfies(e -> assertThat(((LimitExceededException) e).shardId())
                                .isEqualTo(ShardId.of(0)));
                db.useShard(ScatterGatherIT.key(db, 1), h -> h.execute("SELECT 1"));
                release.countDown();
                holder.get(30, TimeUnit.SECONDS);
                db.useShard(k0, h -> h.execute("SELECT 1"));
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }
}
