package org.shardkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.shardkit.cache.CacheNamespace;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;
import redis.clients.jedis.JedisPooled;

/**
 * shard-cache's read paths beside their baselines, on one embedded Redis, one thread:
 *
 * <ul>
 *   <li>{@code l1Hit}: {@link CacheNamespace#get} answered by L1, vs {@code caffeine}: a bare
 *       Caffeine cache of the same size and TTL ({@code Cache.get(key, loader)}). Target: l1Hit at
 *       most 1.2x caffeine's time. {@code withMetricsL1Hit} / {@code withStatsCaffeine} are the same
 *       pair with a meter registry (ours) and {@code recordStats()} (bare).
 *   <li>{@code l2Hit}: {@link CacheNamespace#get} with L1 off, answered by Redis (GET + JSON
 *       decode), vs {@code jedisGet}: a raw Jedis GET of the same key and bytes on a
 *       {@link JedisPooled}. Target: l2Hit at most 1.2x jedisGet's time.
 * </ul>
 *
 * <p>{@code l2HitPaired} and {@code jedisGetPaired} are the L2 pair run <em>at the same time</em>,
 * one thread each, in one JMH group: on a shared 2-core machine whose load changes from second to
 * second, this is the one way to put both sides under exactly the same condition (both also keep
 * the CPUs from idling). Each sees the other's traffic on the same Redis, symmetrically.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar CacheBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s}.
 *
 * <p>The L2 pair is one round trip on loopback and falls into the idle-CPU trap (see {@code
 * shared/BASELINES.md}): on an idle 2-core machine round trips are up to 3x slower than with a
 * low-priority busy loop on the other core ({@code nice -n 19 sh -c 'while :; do :; done' &}).
 * Compare the two only within one run, and say which condition it was.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheBenchmark {
    private static final int KEYS = 1024; // a power of two: the key index is masked
    private static final long MAX_SIZE = 10_000;
    private static final Duration TTL = Duration.ofMinutes(10);

    /** The cached value: a small JSON object (about 100 bytes). */
    public record Agent(long id, String name, List<String> tags) {}

    private ShardCluster cluster;
    private TwoLevelCache cache;
    private TwoLevelCache cacheWithMetrics;
    private CacheNamespace<Agent> local;
    private CacheNamespace<Agent> localWithMetrics;
    private CacheNamespace<Agent> remote;
    private Cache<String, Agent> caffeine;
    private Cache<String, Agent> caffeineWithStats;
    private JedisPooled jedis;
    private final String[] keys = new String[KEYS];
    private final byte[][] redisKeys = new byte[KEYS][];
    private final Function<String, Agent> loader = CacheBenchmark::load;
    private int next;

    private static Agent load(String key) {
        long id = Long.parseLong(key);
        return new Agent(id, "agent-" + id, List.of("curious", "helpful", "shard-" + (id % 8)));
    }

    /** Starts Redis, builds both caches and fills every level with the same {@value #KEYS} keys. */
    @Setup(Level.Trial)
    public void setUp() {
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(1)
                .redis()
                .start();
        String host = cluster.redis().host();
        int port = cluster.redis().port();
        CacheSettings settings = CacheSettings.builder()
                .redis(RedisSettings.of(host, port))
                .keyPrefix("bench:")
                .namespace(NamespaceSettings.builder("local")
                        .ttl(TTL)
                        .maxSize(MAX_SIZE)
                        .build())
                .namespace(NamespaceSettings.builder("remote")
                        .ttl(TTL)
                        .localCache(false)
                        .build())
                .build();
        cache = TwoLevelCache.builder().settings(settings).build();
        cacheWithMetrics = TwoLevelCache.builder()
                .settings(settings)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        local = cache.namespace("local", Agent.class);
        localWithMetrics = cacheWithMetrics.namespace("local", Agent.class);
        remote = cache.namespace("remote", Agent.class);
        caffeine = Caffeine.newBuilder()
                .maximumSize(MAX_SIZE)
                .expireAfterWrite(TTL)
                .build();
        caffeineWithStats = Caffeine.newBuilder()
                .maximumSize(MAX_SIZE)
                .expireAfterWrite(TTL)
                .recordStats()
                .build();
        jedis = new JedisPooled(host, port);
        for (int i = 0; i < KEYS; i++) {
            String key = Integer.toString(i);
            keys[i] = key;
            local.get(key, loader);
            localWithMetrics.get(key, loader);
            remote.get(key, loader); // fills Redis
            caffeine.put(key, load(key));
            caffeineWithStats.put(key, load(key));
            // The very key and bytes the remote namespace reads (layout: prefix, name, version, key).
            redisKeys[i] = ("bench:remote:v0:k:" + key).getBytes(StandardCharsets.UTF_8);
            if (jedis.get(redisKeys[i]) == null) {
                throw new IllegalStateException("the cache's Redis key layout changed; fix redisKeys");
            }
        }
        if (cache.isDegraded()) {
            throw new IllegalStateException("the cache did not connect to Redis");
        }
    }

    /** Closes the caches and stops the servers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        jedis.close();
        cache.close();
        cacheWithMetrics.close();
        cluster.close();
    }

    private int nextIndex() {
        return next++ & (KEYS - 1);
    }

    /**
     * Ours: a read answered by L1.
     *
     * @return the value
     */
    @Benchmark
    public Agent l1Hit() {
        return local.get(keys[nextIndex()], loader);
    }

    /**
     * Baseline: a bare Caffeine cache of the same size and TTL.
     *
     * @return the value
     */
    @Benchmark
    public Agent caffeine() {
        return caffeine.get(keys[nextIndex()], loader);
    }

    /**
     * Ours with a meter registry (Caffeine records statistics).
     *
     * @return the value
     */
    @Benchmark
    public Agent withMetricsL1Hit() {
        return localWithMetrics.get(keys[nextIndex()], loader);
    }

    /**
     * Baseline with {@code recordStats()}.
     *
     * @return the value
     */
    @Benchmark
    public Agent withStatsCaffeine() {
        return caffeineWithStats.get(keys[nextIndex()], loader);
    }

    /**
     * Ours with L1 off: a GET from Redis and a JSON decode.
     *
     * @return the value
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Agent l2Hit() {
        return remote.get(keys[nextIndex()], loader);
    }

    /** A key cursor per thread, for the paired group. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int nextIndex() {
            return next++ & (KEYS - 1);
        }
    }

    /**
     * {@link #l2Hit()}, run beside {@link #jedisGetPaired} in one group.
     *
     * @param cursor this thread's key cursor
     * @return the value
     */
    @Benchmark
    @Group("l2pair")
    @GroupThreads(1)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Agent l2HitPaired(Cursor cursor) {
        return remote.get(keys[cursor.nextIndex()], loader);
    }

    /**
     * {@link #jedisGet()}, run beside {@link #l2HitPaired} in one group.
     *
     * @param cursor this thread's key cursor
     * @return the bytes
     */
    @Benchmark
    @Group("l2pair")
    @GroupThreads(1)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] jedisGetPaired(Cursor cursor) {
        return jedis.get(redisKeys[cursor.nextIndex()]);
    }

    /**
     * Baseline: a raw Jedis GET of the same key, returning the same bytes undecoded.
     *
     * @return the bytes
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] jedisGet() {
        return jedis.get(redisKeys[nextIndex()]);
    }
}
