package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.cache.CacheNamespace;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.batch.BatchTable;
import org.shardkit.core.batch.BatchWriter;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.outbox.Outbox;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.JournalCodec;
import org.shardkit.core.writequeue.WriteQueue;
import org.shardkit.testing.MetricsReference;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/**
 * Keeps {@code docs/metrics.md} true: every meter a database and a cache register, after every kind
 * of work, is in the tables of its shard-core and shard-cache sections with the documented type and
 * tag keys, and those tables list nothing else (the repository's section is checked by the
 * repository's own {@code SocialMetricsReferenceIT}). And keeps the Grafana dashboard ({@code
 * docs/grafana/shardkit-dashboard.json}) and the alerting rules of {@code docs/operations.md} true:
 * every metric their queries name is a series those meters give in a real Prometheus scrape.
 */
class MetricsReferenceIT {

    private static final Path REFERENCE = Path.of("..", "docs", "metrics.md");

    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .redis()
            .serverSetting("max_prepared_transactions", "4")
            .build();

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path journal;

    @Test
    void registeredMeters_areExactlyTheDocumentedOnes_andTheDashboardQueriesOnlyThem() throws java.io.IOException {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry registry = new CompositeMeterRegistry(Clock.SYSTEM, List.of(simple, prometheus));
        try (ShardedDatabase db = ShardedDatabase.builder(config())
                        .meterRegistry(registry)
                        .build();
                TwoLevelCache cache = cache(registry)) {
            exercise(db, cache, registry, journal);
            assertThat(MetricsReference.registered(simple, name -> true))
                    .isEqualTo(MetricsReference.documented(REFERENCE, "shard-core", "shard-cache"));
            // Every series the meters of docs/metrics.md give in Prometheus, as Prometheus names them.
            Set<String> series = PrometheusQueries.seriesNames(prometheus.scrape());
            for (PrometheusQueries queries : List.of(PrometheusQueries.dashboard(), PrometheusQueries.alertRules())) {
                assertThat(queries.metricNames())
                        .as("metrics %s queries, against the series of a real scrape", queries.source())
                        .isSubsetOf(series);
            }
        }
    }

    /** Writes, reads (from a replica), a transaction, a failed statement, a partial scatter, cache reads. */
    private static void exercise(
            ShardedDatabase db, TwoLevelCache cache, MeterRegistry registry, java.nio.file.Path journal) {
        ShardKey k0 = ScatterGatherIT.key(db, 0);
        db.useShard(k0, h -> h.execute("SELECT 1"));
        db.useReadOnly(k0, h -> h.execute("SELECT 1"));
        db.useTransaction(k0, h -> h.execute("SELECT 1"));
        assertThatThrownBy(() -> db.useShard(k0, h -> h.execute("SELECT * FROM no_such_table")))
                .isInstanceOf(ShardQueryException.class);
        ScatterResult<Integer> partial = db.scatter(
                ScatterRequest.allShards().withPolicy(FailurePolicy.PARTIAL).withDeadline(Duration.ofSeconds(10)),
                (shard, h) -> {
                    if (shard.value() == 1) {
                        throw new IllegalStateException("shard 1 fails on purpose");
                    }
                    return h.createQuery("SELECT 1").mapTo(Integer.class).one();
                });
        assertThat(partial.isComplete()).isFalse();

        ShardKey k1 = ScatterGatherIT.key(db, 1);
        db.inDistributedTransaction(
                List.of(k0, k1),
                tx -> tx.handle(k0).execute("SELECT 1") + tx.handle(k1).execute("SELECT 1"));
        AtomicBoolean failOnce = new AtomicBoolean(true);
        try (Outbox outbox = Outbox.builder(db)
                .handler("probe", (h, m) -> {
                    if (failOnce.getAndSet(false)) {
                        throw new IllegalStateException("fails once on purpose");
                    }
                })
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .meterRegistry(registry)
                .build()) {
            db.useTransaction(k0, h -> outbox.enqueue(h, db.shardOf(k0), db.shardOf(k1), "probe", "x"));
            assertThat(outbox.awaitDrained(Duration.ofSeconds(20))).isTrue();
            assertThat(failOnce).isFalse();
        }

        db.useShard(k0, h -> h.execute("CREATE TABLE IF NOT EXISTS metrics_probe (id bigint PRIMARY KEY)"));
        db.useShard(k1, h -> h.execute("CREATE TABLE IF NOT EXISTS metrics_probe (id bigint PRIMARY KEY)"));
        BatchTable<Long> probe = BatchTable.<Long>builder("metrics_probe")
                .bigint("id", id -> id)
                .key("id")
                .build();
        try (BatchWriter<Long> writer = BatchWriter.builder(db, probe)
                        .name("probe")
                        .meterRegistry(registry)
                        .build();
                WriteQueue<Long> queue = WriteQueue.builder((Long id) -> writer.write(ShardKey.of(id), id))
                        .name("probe")
                        .journal(JournalSettings.builder(journal).build(), new JournalCodec<Long>() {
                            @Override
                            public byte[] encode(Long id) {
                                return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
                            }

                            @Override
                            public Long decode(byte[] bytes) {
                                return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
                            }
                        })
                        .meterRegistry(registry)
                        .build()) {
            CompletableFuture<Void> a = queue.submit(k0.routingValue(), Ack.JOURNALED);
            CompletableFuture<Void> b = queue.submit(k1.routingValue(), Ack.COMMITTED);
            writer.flush();
            CompletableFuture.allOf(a, b).join();
        }

        CacheNamespace<String> names = cache.namespace("agents", String.class);
        assertThat(names.get("1", key -> "agent " + key)).isEqualTo("agent 1");
        assertThat(names.get("1", key -> "agent " + key)).isEqualTo("agent 1");
    }

    /** Two shards; shard 0 reads from a replica (the other server), so replica pools register too. */
    private static ShardkitConfig config() {
        ShardkitConfig.Builder b = ShardkitConfig.builder();
        for (TestShard s : servers.shards()) {
            ShardConfig.Builder shard = ShardConfig.builder(s.index(), "social_" + s.index(), TestConfigs.endpoint(s))
                    .pool(TestConfigs.pool(2, Duration.ofSeconds(2)));
            if (s.index() == 0) {
                shard.replica(new ReplicaConfig(TestConfigs.endpoint(s), 1));
            }
            b.shard(shard.build());
        }
        return b.twoPhase(TwoPhaseConfig.builder()
                        .enabled(true)
                        .recoveryInterval(Duration.ZERO)
                        .build())
                .build();
    }

    private static TwoLevelCache cache(MeterRegistry registry) {
        return TwoLevelCache.builder()
                .settings(CacheSettings.builder()
                        .keyPrefix(servers.redis().keyPrefix())
                        .redis(RedisSettings.builder()
                                .host(servers.redis().host())
                                .port(servers.redis().port())
                                .password(servers.redis().password())
                                .build())
                        .namespace(NamespaceSettings.builder("agents").build())
                        .build())
                .meterRegistry(registry)
                .build();
    }
}
