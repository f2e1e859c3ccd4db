package org.shardkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The runtime state of one namespace, independent of the value type: its L1 (values, and cached
 * absences apart so that a hit costs what a bare Caffeine lookup costs), its loads in flight,
 * the namespace version it currently reads under, its counters and its invalidations waiting for
 * Redis to come back.
 */
final class NamespaceState {
    /** Above this many waiting key invalidations, the namespace is invalidated as a whole instead. */
    static final int MAX_PENDING_KEYS = 10_000;

    final NamespaceSettings settings;
    final String name;
    /** Values by key; null when the namespace has no L1. Holds values only, so a hit is one lookup. */
    final @Nullable Cache<String, Object> l1;
    /** Keys whose load found nothing, for {@code min(negativeTtl, localTtl)}; null without both. */
    final @Nullable Cache<String, Boolean> absent;

    final ConcurrentHashMap<String, Flight> inflight = new ConcurrentHashMap<>();
    final String versionKey;
    final Set<String> pendingKeys = ConcurrentHashMap.newKeySet();
    volatile boolean pendingBump;
    volatile long version;

    /** {@code <prefix><name>:v}; the version, {@code :k:} or {@code :t:} and the key follow. */
    final String keyBase;

    final Counter absentHits;
    final Counter l2Hits;
    final Counter l2Misses;
    final Counter loadSuccesses;
    final Counter loadFailures;
    final Counter oversize;
    final Counter encodeErrors;
    final Counter decodeErrors;

    NamespaceState(
            NamespaceSettings settings,
            String keyPrefix,
            Ticker ticker,
            MeterRegistry registry,
            Tags tags,
            boolean stats) {
        this.settings = settings;
        this.name = settings.name();
        this.keyBase = keyPrefix + name + ":v";
        this.versionKey = keyPrefix + "ns:" + name + ":version";
        Tags nsTags = tags.and("cache", name);
        if (settings.localCache()) {
            Caffeine<Object, Object> builder = Caffeine.newBuilder()
                    .maximumSize(settings.maxSize())
                    .expireAfterWrite(settings.localTtl())
                    .ticker(ticker);
            if (stats) {
                builder.recordStats();
            }
            Cache<String, Object> cache = builder.build();
            this.l1 = cache;
            if (stats) {
                CaffeineCacheMetrics.monitor(registry, cache, name, tags);
                FunctionCounter.builder(
                                "shardkit.cache.gets", cache, c -> c.stats().hitCount())
                        .tags(nsTags.and("level", "l1", "result", "hit"))
                        .description("reads answered by L1")
                        .register(registry);
                FunctionCounter.builder(
                                "shardkit.cache.gets", cache, c -> c.stats().missCount())
                        .tags(nsTags.and("level", "l1", "result", "miss"))
                        .description("reads L1 could not answer")
                        .register(registry);
            }
        } else {
            this.l1 = null;
        }
        Duration negativeTtl = settings.negativeTtl().orElse(null);
        if (settings.localCache() && negativeTtl != null) {
            Duration absentTtl = negativeTtl.compareTo(settings.localTtl()) < 0 ? negativeTtl : settings.localTtl();
            this.absent = Caffeine.newBuilder()
                    .maximumSize(settings.maxSize())
                    .expireAfterWrite(absentTtl)
                    .ticker(ticker)
                    .<String, Boolean>build();
        } else {
            this.absent = null;
        }
        this.absentHits = counter(registry, "shardkit.cache.gets", nsTags.and("level", "l1", "result", "absent"));
        this.l2Hits = counter(registry, "shardkit.cache.gets", nsTags.and("level", "l2", "result", "hit"));
        this.l2Misses = counter(registry, "shardkit.cache.gets", nsTags.and("level", "l2", "result", "miss"));
        this.loadSuccesses = counter(registry, "shardkit.cache.loads", nsTags.and("result", "success"));
        this.loadFailures = counter(registry, "shardkit.cache.loads", nsTags.and("result", "failure"));
        this.oversize = counter(registry, "shardkit.cache.uncacheable", nsTags.and("reason", "oversize"));
        this.encodeErrors = counter(registry, "shardkit.cache.uncacheable", nsTags.and("reason", "encode-error"));
        this.decodeErrors = counter(registry, "shardkit.cache.decode.errors", nsTags);
    }

    private static Counter counter(MeterRegistry registry, String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    byte[] valueKey(String key, long atVersion) {
        return (keyBase + atVersion + ":k:" + key).getBytes(StandardCharsets.UTF_8);
    }

    byte[] tombKey(String key, long atVersion) {
        return (keyBase + atVersion + ":t:" + key).getBytes(StandardCharsets.UTF_8);
    }

    /** Drops this node's copy of {@code key}, and keeps a load in flight from caching what it read. */
    void dropLocal(String key) {
        Flight flight = inflight.get(key);
        if (flight != null) {
            flight.invalidated = true;
        }
        Cache<String, Object> cache = l1;
        if (cache != null) {
            cache.invalidate(key);
        }
        Cache<String, Boolean> absences = absent;
        if (absences != null) {
            absences.invalidate(key);
        }
    }

    /** Drops every local entry of the namespace, and keeps every load in flight from caching. */
    void dropAllLocal() {
        for (Flight flight : inflight.values()) {
            flight.invalidated = true;
        }
        Cache<String, Object> cache = l1;
        if (cache != null) {
            cache.invalidateAll();
        }
        Cache<String, Boolean> absences = absent;
        if (absences != null) {
            absences.invalidateAll();
        }
    }

    /**
     * Adopts a namespace version learnt from Redis and drops L1. The version is written before the
     * loads in flight are marked, so a load either reads the new version or is marked and caches
     * nothing; L1 therefore never holds a value read under an older version.
     */
    void adoptVersion(long newVersion) {
        version = newVersion;
        dropAllLocal();
    }
}
