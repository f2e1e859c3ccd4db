package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestKitException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Two or more cache instances ("nodes") on one real Redis from the test kit: read-through,
 * single-flight, invalidation across nodes, namespace invalidation, oversize and null values, and
 * Redis going away and coming back.
 */
class TwoLevelCacheIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).redis().build();

    /** Where the fake clocks of the expiry tests start; their nanoTime() is the Caffeine ticker. */
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    /** How long a message may take to reach another node on loopback before a test fails. */
    private static final Duration DELIVERY = Duration.ofSeconds(5);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String prefix = "";

    record Agent(long id, String name, List<String> tags) {}

    @BeforeEach
    void setUp(TestInfo test) {
        prefix =
                servers.redis().keyPrefix() + test.getTestMethod().orElseThrow().getName() + ":";
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (servers.redis().server().isRestartable()
                && !servers.redis().server().isRunning()) {
            startRedis();
        }
    }

    private static void assumeRestartableRedis() {
        Assumptions.assumeTrue(servers.redis().server().isRestartable(), "stopping Redis needs embedded mode");
    }

    /** Starts the stopped Redis; the port may take a moment to be free again after a stop. */
    private static void startRedis() {
        Duration took = Await.until(Duration.ofSeconds(20), "Redis restarts", () -> {
            try {
                servers.redis().startServer();
                return true;
            } catch (TestKitException e) {
                return false;
            }
        });
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    private TwoLevelCache node(Consumer<TwoLevelCache.Builder> extra, NamespaceSettings... namespaces) {
        CacheSettings.Builder settings = CacheSettings.builder()
                .keyPrefix(prefix)
                .redis(RedisSettings.builder()
                        .host(servers.redis().host())
                        .port(servers.redis().port())
                        .password(servers.redis().password())
                        .build())
                .healthCheckInterval(Duration.ofMillis(200))
                .reconnectDelay(Duration.ofMillis(50));
        for (NamespaceSettings ns : namespaces) {
            settings.namespace(ns);
        }
        TwoLevelCache.Builder builder = TwoLevelCache.builder().settings(settings.build());
        extra.accept(builder);
        TwoLevelCache cache = builder.build();
        closeables.add(cache);
        assertThat(cache.isDegraded()).as("node connected at start").isFalse();
        return cache;
    }

    private TwoLevelCache node(Consumer<TwoLevelCache.Builder> extra, CacheSettings settings) {
        TwoLevelCache.Builder builder = TwoLevelCache.builder().settings(settings);
        extra.accept(builder);
        TwoLevelCache cache = builder.build();
        closeables.add(cache);
        assertThat(cache.isDegraded()).as("node connected at start").isFalse();
        return cache;
    }

    private TwoLevelCache node(NamespaceSettings... namespaces) {
        return node(b -> {}, namespaces);
    }

    private JedisPooled redis() {
        JedisPooled jedis =
                new JedisPooled(servers.redis().host(), servers.redis().port());
        closeables.add(jedis);
        return jedis;
    }

    /** A loader over a map that counts its calls. */
    static final class Source<V> implements Function<String, @Nullable V> {
        final Map<String, V> values = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public @Nullable V apply(String key) {
            calls.incrementAndGet();
            return values.get(key);
        }
    }

    @Test
    void get_missEverywhere_loadsOnceAndFillsBothLevels() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CacheNamespace<String> b = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        Source<String> sourceA = new Source<>();
        Source<String> sourceB = new Source<>();
        sourceA.values.put("42", "Ada");
        sourceB.values.put("42", "Ada");

        assertThat(a.get("42", sourceA)).isEqualTo("Ada");
        assertThat(a.get("42", sourceA)).isEqualTo("Ada");
        assertThat(b.get("42", sourceB)).isEqualTo("Ada");

        assertThat(sourceA.calls).as("A loads once, then L1").hasValue(1);
        assertThat(sourceB.calls).as("B reads A's load from Redis").hasValue(0);
        assertThat(b.getIfPresentLocally("42")).as("an L2 hit fills L1").isEqualTo("Ada");
    }

    @Test
    void invalidate_onNodeA_nodeBStopsServingOldValueWithinDelivery() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CacheNamespace<String> b = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        Source<String> source = new Source<>();
        source.values.put("42", "v1");
        assertThat(a.get("42", source)).isEqualTo("v1");
        assertThat(b.get("42", source)).isEqualTo("v1");
        assertThat(b.getIfPresentLocally("42")).isEqualTo("v1");

        source.values.put("42", "v2");
        a.invalidate("42");

        assertThat(a.get("42", source)).as("the invalidating node at once").isEqualTo("v2");
        Duration took = Await.until(DELIVERY, "B drops its L1 copy", () -> b.getIfPresentLocally("42") == null);
        // Once delivered, B must never serve v1 again.
        for (int i = 0; i < 1_000; i++) {
            assertThat(b.get("42", source)).isEqualTo("v2");
        }
        assertThat(took).isLessThan(DELIVERY);
    }

    @Test
    void invalidate_namespaceBumpNotYetHeard_deletesKeyOfCurrentVersion() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        JedisPooled redis = redis();
        // Another node bumped the version and cached a value under it; A has not heard of it yet.
        redis.incr(prefix + "ns:agents:version");
        redis.set(prefix + "agents:v1:k:42", "\u0001\"old\"");

        a.invalidate("42");

        assertThat(redis.exists(prefix + "agents:v1:k:42")).isFalse();
    }

    @Test
    void invalidate_duringLoadOnOtherNode_oldValueIsNotCached() throws Exception {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CacheNamespace<String> b = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CountDownLatch loaderRead = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        Map<String, String> db = new ConcurrentHashMap<>(Map.of("42", "old"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<@Nullable String> slowLoad = pool.submit(() -> b.get("42", key -> {
                String read = db.get(key); // reads the old value ...
                loaderRead.countDown();
                awaitLatch(invalidated); // ... and finishes after the write and the invalidation
                return read;
            }));
            assertThat(loaderRead.await(10, TimeUnit.SECONDS)).isTrue();
            db.put("42", "new");
            a.invalidate("42");
            invalidated.countDown();
            assertThat(slowLoad.get(10, TimeUnit.SECONDS))
                    .as("its caller gets what it read")
                    .isEqualTo("old");
        } finally {
            pool.shutdownNow();
        }

        Source<String> source = new Source<>();
        source.values.putAll(db);
        assertThat(a.get("42", source)).as("Redis did not keep the old value").isEqualTo("new");
        // B may hold what its load read until A's message reaches it (guarantee 1 of docs/cache.md:
        // the load finished before the message arrived); then it must read through to the new value.
        Await.until(DELIVERY, "B drops what its load read", () -> "new".equals(b.get("42", source)));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void get_32ConcurrentMissesOnEachOfTwoNodes_loaderCalledAtMostOncePerNode() throws Exception {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CacheNamespace<String> b = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        int threads = 32;
        AtomicInteger loadsA = new AtomicInteger();
        AtomicInteger loadsB = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2 * threads);
        Function<AtomicInteger, Function<String, String>> loader = counter -> key -> {
            counter.incrementAndGet();
            awaitLatch(entered); // every caller has called get() before the first load ends
            return "value-" + key;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        List<Future<@Nullable String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * threads; i++) {
                CacheNamespace<String> node = i % 2 == 0 ? a : b;
                AtomicInteger counter = i % 2 == 0 ? loadsA : loadsB;
                results.add(pool.submit(() -> {
                    awaitLatch(start);
                    entered.countDown();
                    return node.get("hot", loader.apply(counter));
                }));
            }
            start.countDown();
            for (Future<@Nullable String> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo("value-hot");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loadsA.get()).as("loads on node A").isLessThanOrEqualTo(1);
        assertThat(loadsB.get()).as("loads on node B").isLessThanOrEqualTo(1);
        assertThat(loadsA.get() + loadsB.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void get_32ConcurrentMissesOnOneNode_loaderCalledOnce() throws Exception {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        int threads = 32;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<@Nullable String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    awaitLatch(start);
                    entered.countDown();
                    return a.get("hot", key -> {
                        loads.incrementAndGet();
                        awaitLatch(entered);
                        return "value";
                    });
                }));
            }
            start.countDown();
            for (Future<@Nullable String> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo("value");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void get_loaderThrows_everyWaiterGetsTheExceptionAndNothingIsCached() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        assertThatThrownBy(() -> a.get("42", key -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");
        assertThat(a.get("42", key -> "loaded")).isEqualTo("loaded");
    }

    @Test
    void invalidateAll_onNodeA_everyKeyReloadsOnNodeB() {
        NamespaceSettings ns = NamespaceSettings.of("feeds");
        CacheNamespace<String> a = node(ns).namespace("feeds", String.class);
        CacheNamespace<String> b = node(ns).namespace("feeds", String.class);
        Source<String> source = new Source<>();
        for (int i = 0; i < 10; i++) {
            source.values.put("k" + i, "old" + i);
            assertThat(a.get("k" + i, source)).isEqualTo("old" + i);
            assertThat(b.get("k" + i, source)).isEqualTo("old" + i);
        }
        for (int i = 0; i < 10; i++) {
            source.values.put("k" + i, "new" + i);
        }

        a.invalidateAll();

        Await.until(DELIVERY, "B drops its namespace", () -> b.localSize() == 0 && b.getIfPresentLocally("k0") == null);
        for (int i = 0; i < 10; i++) {
            assertThat(b.get("k" + i, source)).isEqualTo("new" + i);
            assertThat(a.get("k" + i, source)).isEqualTo("new" + i);
        }
        assertThat(redis().get(prefix + "ns:feeds:version"))
                .as("a counter, not a scan")
                .isEqualTo("1");
    }

    @Test
    void get_valueOverSizeLimit_returnedButNotCached() {
        MeterRegistry registry = new SimpleMeterRegistry();
        NamespaceSettings ns =
                NamespaceSettings.builder("posts").maxValueBytes(64).build();
        CacheNamespace<String> a = node(b -> b.meterRegistry(registry), ns).namespace("posts", String.class);
        Source<String> source = new Source<>();
        source.values.put("big", "x".repeat(100));
        source.values.put("small", "x");

        assertThat(a.get("big", source)).hasSize(100);
        assertThat(a.get("big", source)).hasSize(100);
        assertThat(a.get("small", source)).isEqualTo("x");
        assertThat(a.get("small", source)).isEqualTo("x");

        assertThat(source.calls).as("big loads each time, small once").hasValue(3);
        assertThat(registry.get("shardkit.cache.uncacheable")
                        .tag("reason", "oversize")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void get_nullWithoutNegativeCaching_loadsEveryTime() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        Source<String> source = new Source<>();
        assertThat(a.get("missing", source)).isNull();
        assertThat(a.get("missing", source)).isNull();
        assertThat(source.calls).hasValue(2);
    }

    @Test
    void get_nullWithNegativeCaching_cachedInBothLevelsUntilNegativeTtl() {
        FakeClock clock = FakeClock.at(START);
        NamespaceSettings ns = NamespaceSettings.builder("agents")
                .ttl(Duration.ofMinutes(5))
                .negativeTtl(Duration.ofSeconds(2))
                .build();
        CacheNamespace<String> a = node(b -> b.ticker(clock::nanoTime), ns).namespace("agents", String.class);
        CacheNamespace<String> b = node(ns).namespace("agents", String.class);
        Source<String> sourceA = new Source<>();
        Source<String> sourceB = new Source<>();

        assertThat(a.get("ghost", sourceA)).isNull();
        assertThat(a.get("ghost", sourceA)).isNull();
        assertThat(b.get("ghost", sourceB))
                .as("the absence travels through Redis")
                .isNull();
        assertThat(sourceA.calls).hasValue(1);
        assertThat(sourceB.calls).hasValue(0);

        clock.advance(Duration.ofSeconds(3));
        sourceA.values.put("ghost", "now here");
        Await.until(
                DELIVERY,
                "the absence expires in Redis (PX 2000)",
                () -> redis().exists(redisKey("agents", "ghost")) == false);
        assertThat(a.get("ghost", sourceA)).isEqualTo("now here");
        assertThat(sourceA.calls).hasValue(2);
    }

    private String redisKey(String namespace, String key) {
        return prefix + namespace + ":v0:k:" + key;
    }

    @Test
    void get_localTtlPassed_readsRedisAgain() {
        FakeClock clock = FakeClock.at(START);
        NamespaceSettings ns = NamespaceSettings.builder("agents")
                .ttl(Duration.ofMinutes(5))
                .localTtl(Duration.ofSeconds(10))
                .build();
        CacheNamespace<String> a = node(b -> b.ticker(clock::nanoTime), ns).namespace("agents", String.class);
        Source<String> source = new Source<>();
        source.values.put("42", "Ada");
        assertThat(a.get("42", source)).isEqualTo("Ada");

        clock.advance(Duration.ofSeconds(11));

        assertThat(a.getIfPresentLocally("42")).isNull();
        assertThat(a.get("42", source)).as("from Redis").isEqualTo("Ada");
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void get_jsonRecordAndGenericList_roundTripThroughRedis() {
        NamespaceSettings ns = NamespaceSettings.of("agents");
        CacheNamespace<Agent> a = node(ns).namespace("agents", Agent.class);
        CacheNamespace<Agent> b = node(ns).namespace("agents", Agent.class);
        Agent ada = new Agent(42, "Ada \u00e9\u6f22", List.of("math", "engines"));

        assertThat(a.get("42", key -> ada)).isEqualTo(ada);
        assertThat(b.get("42", key -> {
                    throw new AssertionError("B must read Redis");
                }))
                .isEqualTo(ada);
    }

    @Test
    void namespace_unknownOrRebound_throwsNamingIt() {
        TwoLevelCache cache = node(NamespaceSettings.of("agents"));
        cache.namespace("agents", String.class);
        assertThatThrownBy(() -> cache.namespace("posts", String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 'posts' is not configured; the namespaces are [agents]");
        assertThatThrownBy(() -> cache.namespace("agents", Agent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound to java.lang.String");
    }

    @Test
    void warmUp_hotKeys_fillBothLevels() {
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        CacheNamespace<String> b = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        Source<String> source = new Source<>();
        List<String> hot = List.of("1", "2", "3");
        hot.forEach(k -> source.values.put(k, "agent-" + k));

        assertThat(a.warmUp(hot, source)).isEqualTo(3);

        assertThat(a.localSize()).isEqualTo(3);
        Source<String> never = new Source<>();
        for (String k : hot) {
            assertThat(b.get(k, never)).isEqualTo("agent-" + k);
        }
        assertThat(never.calls).as("B finds every hot key in Redis").hasValue(0);
    }

    @Test
    void metrics_hitsMissesLoadsPerLevel_counted() {
        MeterRegistry registry = new SimpleMeterRegistry();
        NamespaceSettings ns = NamespaceSettings.of("agents");
        CacheNamespace<String> a =
                node(b -> b.meterRegistry(registry).name("a"), ns).namespace("agents", String.class);
        CacheNamespace<String> b = node(ns).namespace("agents", String.class);
        b.get("2", key -> "two"); // now in Redis

        a.get("1", key -> "one"); // L1 miss, L2 miss, load
        a.get("1", key -> "one"); // L1 hit
        a.get("2", key -> "two"); // L1 miss, L2 hit

        assertThat(count(registry, "shardkit.cache.gets", "level", "l1", "result", "hit"))
                .isEqualTo(1);
        assertThat(count(registry, "shardkit.cache.gets", "level", "l1", "result", "miss"))
                .isEqualTo(2);
        assertThat(count(registry, "shardkit.cache.gets", "level", "l2", "result", "hit"))
                .isEqualTo(1);
        assertThat(count(registry, "shardkit.cache.gets", "level", "l2", "result", "miss"))
                .isEqualTo(1);
        assertThat(count(registry, "shardkit.cache.loads", "result", "success")).isEqualTo(1);
        assertThat(registry.get("cache.gets").tag("cache", "agents").meters())
                .as("Caffeine's own stats")
                .isNotEmpty();
        assertThat(registry.get("shardkit.cache.degraded")
                        .tag("instance", "a")
                        .gauge()
                        .value())
                .isZero();
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).functionCounters().stream()
                        .mapToDouble(c -> c.count())
                        .sum()
                + registry.find(name).tags(tags).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum();
    }

    @Test
    void get_redisStopped_answersFromL1AndLoaderThenRecovers() {
        assumeRestartableRedis();
        MeterRegistry registry = new SimpleMeterRegistry();
        FakeClock clock = FakeClock.at(START);
        NamespaceSettings ns = NamespaceSettings.builder("agents")
                .ttl(Duration.ofMinutes(5))
                .localTtl(Duration.ofSeconds(30))
                .build();
        TwoLevelCache cacheA = node(b -> b.meterRegistry(registry).ticker(clock::nanoTime), ns);
        CacheNamespace<String> a = cacheA.namespace("agents", String.class);
        CacheNamespace<String> b = node(ns).namespace("agents", String.class);
        Source<String> source = new Source<>();
        source.values.put("42", "v1");
        source.values.put("43", "x1");
        assertThat(a.get("42", source)).isEqualTo("v1");
        assertThat(b.get("42", source)).isEqualTo("v1");
        int loadsBefore = source.calls.get();

        servers.redis().stopServer();

        assertThat(a.get("42", source)).as("from L1, no error").isEqualTo("v1");
        assertThat(a.get("43", source)).as("from the loader, no error").isEqualTo("x1");
        assertThat(a.get("43", source)).isEqualTo("x1");
        assertThat(source.calls.get() - loadsBefore)
                .as("43 loaded once, into L1")
                .isEqualTo(1);
        Await.until(
                DELIVERY,
                "the degraded gauge shows 1",
                () -> registry.get("shardkit.cache.degraded").gauge().value() == 1.0);
        assertThat(cacheA.isDegraded()).isTrue();

        // While degraded, the L1 TTL bounds staleness: an entry older than localTtl is loaded again.
        source.values.put("42", "v2");
        a.invalidate("42"); // queued for Redis; drops A's copy at once, no error
        assertThat(a.get("42", source)).isEqualTo("v2");
        clock.advance(Duration.ofSeconds(31));
        source.values.put("43", "x2");
        assertThat(a.get("43", source)).as("L1 TTL passed").isEqualTo("x2");

        startRedis();

        Await.until(DELIVERY, "A recovers", () -> !cacheA.isDegraded());
        assertThat(registry.get("shardkit.cache.degraded").gauge().value()).isZero();
        // B lost its subscription too: on resubscribing it dropped L1, so it cannot serve v1.
        Await.until(DELIVERY, "B serves v2", () -> "v2".equals(b.get("42", source)));
        Await.until(
                DELIVERY,
                "pending invalidations replayed",
                () -> registry.get("shardkit.cache.invalidations.pending")
                                .gauge()
                                .value()
                        == 0.0);
        // And Redis is used again: A's load is visible to B without a load on B.
        source.values.put("44", "y");
        assertThat(a.get("44", source)).isEqualTo("y");
        assertThat(b.get("44", key -> {
                    throw new AssertionError("B must read Redis");
                }))
                .isEqualTo("y");
        // Invalidation travels again after recovery.
        source.values.put("44", "y2");
        a.invalidate("44");
        Await.until(DELIVERY, "B drops 44", () -> b.getIfPresentLocally("44") == null);
        assertThat(b.get("44", source)).isEqualTo("y2");
    }

    @Test
    void healthCheck_redisSilentWithoutTraffic_nodeGoesDegradedAndClearsL1OnReturn() {
        assumeRestartableRedis(); // CLIENT PAUSE stalls every client of the server
        MeterRegistry registry = new SimpleMeterRegistry();
        TwoLevelCache cache = node(b -> b.meterRegistry(registry), NamespaceSettings.of("agents"));
        CacheNamespace<String> a = cache.namespace("agents", String.class);
        a.get("42", key -> "v1");
        double clearsBefore =
                registry.get("shardkit.cache.local.clears").counter().count();

        // The server stops answering but keeps the connections open, like a silent network failure.
        try (Jedis admin = new Jedis(servers.redis().host(), servers.redis().port())) {
            admin.clientPause(1_500);
        }

        // healthCheckInterval is 200 ms: three unanswered PINGs, no request traffic needed.
        Await.until(Duration.ofSeconds(3), "the health check notices", cache::isDegraded);
        Await.until(DELIVERY, "the node resubscribes", () -> !cache.isDegraded());
        assertThat(registry.get("shardkit.cache.local.clears").counter().count())
                .isGreaterThan(clearsBefore);
        assertThat(a.getIfPresentLocally("42"))
                .as("L1 cleared on resubscription")
                .isNull();
    }

    @Test
    void get_redisStopped_readsDoNotStall() {
        assumeRestartableRedis();
        CacheNamespace<String> a = node(NamespaceSettings.of("agents")).namespace("agents", String.class);
        servers.redis().stopServer();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(a.get("k" + i, key -> "v")).isEqualTo("v");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // At most one read waits for a connect/socket timeout (200 ms); the rest skip Redis.
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void build_databaseIndexFromSettings_writesThatDatabase() {
        CacheSettings settings = CacheSettings.builder()
                .keyPrefix(prefix)
                .redis(RedisSettings.builder()
                        .host(servers.redis().host())
                        .port(servers.redis().port())
                        .password(servers.redis().password())
                        .database(3)
                        .build())
                .namespace(NamespaceSettings.of("agents"))
                .build();
        TwoLevelCache cache = TwoLevelCache.builder().settings(settings).build();
        closeables.add(cache);
        cache.namespace("agents", String.class).get("42", key -> "Ada");

        try (JedisPooled db3 = new JedisPooled(
                        new HostAndPort(servers.redis().host(), servers.redis().port()),
                        DefaultJedisClientConfig.builder().database(3).build());
                JedisPooled db0 =
                        new JedisPooled(servers.redis().host(), servers.redis().port())) {
            assertThat(db3.exists(redisKey("agents", "42"))).isTrue();
            assertThat(db0.exists(redisKey("agents", "42"))).isFalse();
        }
    }

    @Test
    void build_passwordFromEnvironment_authenticatesAndNeverLogsIt() {
        assumeRestartableRedis(); // only on a server the kit owns may the test set a password
        String password = "pw-" + Long.toHexString(System.nanoTime());
        JedisPooled admin = redis();
        admin.configSet("requirepass", password);
        try {
            CacheSettings settings = CacheSettings.builder()
                    .keyPrefix(prefix)
                    .redis(RedisSettings.builder()
                            .host(servers.redis().host())
                            .port(servers.redis().port())
                            .passwordFromEnvironment(
                                    Map.of("CACHE_IT_REDIS_PASSWORD", password), "CACHE_IT_REDIS_PASSWORD")
                            .build())
                    .namespace(NamespaceSettings.builder("agents")
                            .ttl(Duration.ofMinutes(1))
                            .build())
                    .build();
            TwoLevelCache a = node(b -> {}, settings);
            TwoLevelCache b = node(x -> {}, settings);
            Source<String> source = new Source<>();
            source.values.put("42", "Ada");
            assertThat(a.namespace("agents", String.class).get("42", source)).isEqualTo("Ada");
            assertThat(b.namespace("agents", String.class).get("42", source)).isEqualTo("Ada");
            assertThat(source.calls)
                    .as("B read A's value through an authenticated connection")
                    .hasValue(1);
            assertThat(a.toString()).doesNotContain(password);
        } finally {
            try (JedisPooled authed = new JedisPooled(
                    new HostAndPort(servers.redis().host(), servers.redis().port()),
                    DefaultJedisClientConfig.builder().password(password).build())) {
                authed.configSet("requirepass", "");
            }
        }
    }

    @Test
    void build_redisUnreachable_startsDegradedWithoutError() {
        CacheSettings settings = CacheSettings.builder()
                .keyPrefix(prefix)
                .redis(RedisSettings.builder()
                        .host("127.0.0.1")
                        .port(1) // nothing listens there
                        .build())
                .startTimeout(Duration.ofMillis(300))
                .namespace(NamespaceSettings.of("agents"))
                .build();
        TwoLevelCache cache = TwoLevelCache.builder().settings(settings).build();
        closeables.add(cache);
        assertThat(cache.isDegraded()).isTrue();
        CacheNamespace<String> a = cache.namespace("agents", String.class);
        Source<String> source = new Source<>();
        source.values.put("1", "one");
        assertThat(a.get("1", source)).isEqualTo("one");
        assertThat(a.get("1", source)).isEqualTo("one");
        assertThat(source.calls).hasValue(1);
    }
}
