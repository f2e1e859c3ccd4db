package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.cache.CacheNamespace;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.core.outbox.Outbox;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/**
 * Keeps {@code docs/metrics.md} true: every meter a database and a cache register, after every kind
 * of work, is in its table with the documented type and tag keys, and the table lists nothing else.
 * And keeps the Grafana dashboard ({@code docs/grafana/shardkit-dashboard.json}) and the alerting
 * rules of {@code docs/operations.md} true: every metric their queries name is a series those meters
 * give in a real Prometheus scrape.
 */
class MetricsReferenceIT {

    private static final Path REFERENCE = Path.of("..", "docs", "metrics.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_.]+)`\\s*\\|\\s*([a-z ]+?)\\s*\\|([^|]*)\\|");
    private static final Pattern TAG = Pattern.compile("`([a-zA-Z0-9_.]+)`");

    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .redis()
            .serverSetting("max_prepared_transactions", "4")
            .build();

    @Test
    void registeredMeters_areExactlyTheDocumentedOnes_andTheDashboardQueriesOnlyThem() throws IOException {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry registry = new CompositeMeterRegistry(Clock.SYSTEM, List.of(simple, prometheus));
        try (ShardedDatabase db = ShardedDatabase.builder(config())
                        .meterRegistry(registry)
                        .build();
                TwoLevelCache cache = cache(registry)) {
            exercise(db, cache, registry);
            assertThat(registered(simple)).isEqualTo(documented());
            // Every series the meters of docs/metrics.md give in Prometheus, as Prometheus names them.
            Set<String> series = PrometheusQueries.seriesNamesWithPending(prometheus.scrape());
            for (PrometheusQueries queries : List.of(PrometheusQueries.dashboard(), PrometheusQueries.alertRules())) {
                assertThat(queries.metricNames())
                        .as("metrics %s queries, against the series of a real scrape", queries.source())
                        .isSubsetOf(series);
            }
        }
    }

    /** Writes, reads (from a replica), a transaction, a failed statement, a partial scatter, cache reads. */
    private static void exercise(ShardedDatabase db, TwoLevelCache cache, MeterRegistry registry) {
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

    /** Name to "type: tag keys" of every registered meter. */
    private static Map<String, String> registered(SimpleMeterRegistry registry) {
        Map<String, Set<String>> tags = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            types.put(id.getName(), typeName(id.getType()));
            Set<String> keys = tags.computeIfAbsent(id.getName(), n -> new TreeSet<>());
            id.getTags().forEach(t -> keys.add(t.getKey()));
        }
        Map<String, String> out = new TreeMap<>();
        types.forEach((name, type) -> out.put(name, type + ": " + tags.get(name)));
        return out;
    }

    /** Name to "type: tag keys" of every row of the reference's tables. */
    private static Map<String, String> documented() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            Matcher tag = TAG.matcher(row.group(3));
            while (tag.find()) {
                keys.add(tag.group(1));
            }
            String previous = out.put(row.group(1), row.group(2) + ": " + keys);
            assertThat(previous).as("%s is documented once", row.group(1)).isNull();
        }
        assertThat(out).as("rows read from %s", REFERENCE).isNotEmpty();
        return out;
    }

    private static String typeName(Meter.Type type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
