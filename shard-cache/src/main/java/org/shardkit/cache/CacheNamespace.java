package org.shardkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.internal.RedisLink;
import org.shardkit.cache.spi.ValueCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * One namespace of a {@link TwoLevelCache}, typed by its values: read-through {@link #get}, {@link
 * #invalidate} of a key on every node, {@link #invalidateAll()} of the namespace, and {@link #warmUp}.
 * Obtain it from {@link TwoLevelCache#namespace(String, Class)}.
 *
 * <pre>{@code
 * CacheNamespace<Agent> agents = cache.namespace("agents", Agent.class);
 * Agent agent = agents.get("42", id -> repository.find(Long.parseLong(id)));  // L1, L2, then load
 * repository.rename(42, "Ada");
 * agents.invalidate("42");                                                      // on every node
 * }</pre>
 *
 * <p>Values are shared between callers and must be treated as immutable. Redis failures never reach
 * the caller: reads fall back to L1 and the loader (see {@code docs/cache.md} for what is
 * guaranteed then). Exceptions of the loader reach every caller waiting on that load and are not
 * cached.
 *
 * <p>Thread-safe.
 *
 * @param <V> the value type
 */
public final class CacheNamespace<V> {
    private static final Logger log = LoggerFactory.getLogger(CacheNamespace.class);

    /** L2 layout: one header byte, then the codec's bytes. */
    private static final byte PRESENT = 1;

    private static final byte ABSENT = 0;
    private static final byte[] ABSENT_BYTES = {ABSENT};
    private static final byte[] NO_TOKEN = new byte[0];
    /** Stands for a cached absence between decoding and L1. */
    private static final Object ABSENT_VALUE = new Object();

    private final Invalidations invalidations;
    private final NamespaceState state;
    private final @Nullable Cache<String, Object> l1;
    private final @Nullable Cache<String, Boolean> absent;
    private final ValueCodec<V> codec;
    private final RedisLink link;
    private final boolean negativeCaching;
    private final byte[] ttlMillis;
    private final byte[] negativeTtlMillis;
    private final @Nullable Class<V> valueType;

    CacheNamespace(
            Invalidations invalidations,
            NamespaceState state,
            ValueCodec<V> codec,
            @Nullable Class<V> valueType,
            RedisLink link) {
        this.invalidations = invalidations;
        this.state = state;
        this.l1 = state.l1;
        this.absent = state.absent;
        this.codec = codec;
        this.valueType = valueType;
        this.link = link;
        NamespaceSettings s = state.settings;
        this.negativeCaching = s.negativeTtl().isPresent();
        this.ttlMillis = ascii(s.ttl().toMillis());
        this.negativeTtlMillis = ascii(s.negativeTtl().map(d -> d.toMillis()).orElse(1L));
    }

    /** Returns the namespace's name. */
    public String name() {
        return state.name;
    }

    /** Returns the namespace's settings. */
    public NamespaceSettings settings() {
        return state.settings;
    }

    /** Returns the codec values are stored in Redis with. */
    public ValueCodec<V> codec() {
        return codec;
    }

    @Nullable
    Class<V> valueType() {
        return valueType;
    }

    /**
     * Returns the value of {@code key}: from L1, else from Redis, else from {@code loader}, whose
     * result then fills both levels. Concurrent misses of one key on this node wait for one load.
     * A null result is returned, and cached only when the namespace has a {@linkplain
     * NamespaceSettings#negativeTtl() negative TTL}. A value whose encoding exceeds {@linkplain
     * NamespaceSettings#maxValueBytes() the size limit} is returned but not cached.
     *
     * @param key the key, not null
     * @param loader loads the value of a key from the source of truth; runs on the calling thread
     * @return the value, or null if the loader found none
     * @throws RuntimeException whatever the loader threw (never a Redis failure)
     */
    @SuppressWarnings("unchecked")
    public @Nullable V get(String key, Function<? super String, ? extends @Nullable V> loader) {
        Cache<String, Object> cache = l1;
        if (cache != null) {
            Object value = cache.getIfPresent(key);
            if (value != null) {
                return (V) value;
            }
        }
        return miss(Objects.requireNonNull(key, "key"), Objects.requireNonNull(loader, "loader"));
    }

    /**
     * Returns the value of {@code key} if this node holds it in L1; never reads Redis or loads.
     *
     * @param key the key
     * @return the value, or null if L1 has none (or holds a cached absence)
     */
    @SuppressWarnings("unchecked")
    public @Nullable V getIfPresentLocally(String key) {
        Cache<String, Object> cache = l1;
        return cache == null ? null : (V) cache.policy().getIfPresentQuietly(key);
    }

    private boolean cachedAbsent(String key) {
        Cache<String, Boolean> absences = absent;
        return absences != null && absences.getIfPresent(key) != null;
    }

    @SuppressWarnings("unchecked")
    private @Nullable V miss(String key, Function<? super String, ? extends @Nullable V> loader) {
        if (cachedAbsent(key)) {
            state.absentHits.increment();
            return null;
        }
        Flight flight = new Flight();
        Flight running = state.inflight.putIfAbsent(key, flight);
        if (running != null) {
            return (V) running.await();
        }
        try {
            // A load that finished between our L1 miss and now has filled L1: do not load again.
            Cache<String, Object> cache = l1;
            Object cached = cache == null ? null : cache.asMap().get(key); // not counted as a second miss
            @Nullable Object value = cached != null ? cached : load(key, loader, flight);
            flight.complete(value);
            return (V) value;
        } catch (RuntimeException | Error e) {
            flight.fail(e);
            throw e;
        } finally {
            state.inflight.remove(key, flight);
        }
    }

    private @Nullable Object load(String key, Function<? super String, ? extends @Nullable V> loader, Flight flight) {
        long version = state.version;
        boolean useRedis = link.available();
        byte[] valueKey = null;
        byte[] token = NO_TOKEN;
        if (useRedis) {
            UnifiedJedis redis = link.client();
            valueKey = state.valueKey(key, version);
            try {
                byte[] stored = redis.get(valueKey);
                if (stored != null && stored.length > 0) {
                    Object fromRedis = decode(key, stored);
                    if (fromRedis != null) {
                        state.l2Hits.increment();
                        putLocal(key, fromRedis, flight);
                        return fromRedis == ABSENT_VALUE ? null : fromRedis;
                    }
                }
                state.l2Misses.increment();
                // The key's invalidation count before we load: if an invalidation lands while we
                // load, our (possibly old) value must not be written.
                byte[] count = redis.get(state.tombKey(key, version));
                token = count != null ? count : NO_TOKEN;
            } catch (RuntimeException e) {
                link.failed(e);
                useRedis = false;
            }
        }
        V value;
        try {
            value = loader.apply(key);
        } catch (RuntimeException | Error e) {
            state.loadFailures.increment();
            throw e;
        }
        state.loadSuccesses.increment();
        byte[] stored;
        if (value == null) {
            if (!negativeCaching) {
                return null;
            }
            stored = ABSENT_BYTES;
        } else {
            stored = encode(key, value);
            if (stored == null) {
                return value;
            }
        }
        if (useRedis && valueKey != null && !flight.invalidated) {
            try {
                invalidations.setIfNotInvalidated(
                        valueKey,
                        state.tombKey(key, version),
                        stored,
                        token,
                        value == null ? negativeTtlMillis : ttlMillis);
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        putLocal(key, value == null ? ABSENT_VALUE : value, flight);
        return value;
    }

    private byte @Nullable [] encode(String key, V value) {
        byte[] body;
        try {
            body = codec.encode(value);
        } catch (RuntimeException e) {
            state.encodeErrors.increment();
            log.warn("namespace {}: not caching key {}: {} failed to encode it", state.name, key, codec, e);
            return null;
        }
        if (body.length > state.settings.maxValueBytes()) {
            state.oversize.increment();
            log.debug(
                    "namespace {}: not caching key {}: {} bytes exceed maxValueBytes {}",
                    state.name,
                    key,
                    body.length,
                    state.settings.maxValueBytes());
            return null;
        }
        byte[] stored = new byte[body.length + 1];
        stored[0] = PRESENT;
        System.arraycopy(body, 0, stored, 1, body.length);
        return stored;
    }

    /** Returns the value, {@link #ABSENT_VALUE} for a cached absence, or null if unusable. */
    private @Nullable Object decode(String key, byte[] stored) {
        if (stored[0] == ABSENT && stored.length == 1) {
            // Written while negative caching was on; a node with it off reloads instead.
            return negativeCaching ? ABSENT_VALUE : null;
        }
        try {
            if (stored[0] != PRESENT) {
                throw new IllegalArgumentException("unknown header byte " + stored[0]);
            }
            return codec.decode(stored, 1, stored.length - 1);
        } catch (RuntimeException e) {
            state.decodeErrors.increment();
            log.warn(
                    "namespace {}: the Redis copy of key {} ({} bytes) does not decode with {}; loading it again",
                    state.name,
                    key,
                    stored.length,
                    codec,
                    e);
            return null;
        }
    }

    /** Puts a value, or {@link #ABSENT_VALUE}, into L1 unless an invalidation hit the load. */
    private void putLocal(String key, Object value, Flight flight) {
        if (flight.invalidated) {
            return;
        }
        if (value == ABSENT_VALUE) {
            Cache<String, Boolean> absences = absent;
            if (absences != null) {
                absences.put(key, true);
                if (flight.invalidated) {
                    absences.asMap().remove(key, true);
                }
            }
            return;
        }
        Cache<String, Object> cache = l1;
        if (cache != null) {
            cache.put(key, value);
            if (flight.invalidated) {
                // The invalidation arrived between our check and put; it may have missed this entry.
                cache.asMap().remove(key, value);
            }
        }
    }

    /**
     * Removes {@code key} from Redis and from the L1 of every node: this node at once, the others
     * when the message published on the channel reaches them. Call it after the source of truth
     * changed. A load of the key that is in flight anywhere when the invalidation lands does not
     * cache what it read. If Redis is unreachable, this node drops its copy at once and the rest is
     * done when it reconnects; no exception is thrown.
     *
     * @param key the key
     */
    public void invalidate(String key) {
        Objects.requireNonNull(key, "key");
        invalidations.invalidateKey(state, key);
    }

    /**
     * Invalidates every key of the namespace on every node in O(1), without scanning Redis: the
     * namespace's version counter is incremented, so old keys are no longer read (they expire with
     * their TTL), and every node drops its L1 for the namespace when the message reaches it.
     */
    public void invalidateAll() {
        invalidations.invalidateNamespace(state);
    }

    /**
     * Loads hot keys into both levels before traffic arrives: each key is read like {@link #get}, so
     * keys already in Redis only fill L1 and the rest are loaded and written to both.
     *
     * @param keys the keys
     * @param loader loads one key from the source of truth
     * @return how many keys are now held in L1 (keys whose value is null or too large are not)
     */
    public int warmUp(Collection<String> keys, Function<? super String, ? extends @Nullable V> loader) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(loader, "loader");
        List<String> copy = new ArrayList<>(keys);
        int held = 0;
        for (String key : copy) {
            V value = get(key, loader);
            if (value != null && getIfPresentLocally(key) != null) {
                held++;
            }
        }
        return held;
    }

    /** Returns the number of entries in this node's L1 (approximate, as Caffeine counts). */
    public long localSize() {
        Cache<String, Object> cache = l1;
        return cache == null ? 0 : cache.estimatedSize();
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "CacheNamespace[" + state.settings + " codec=" + codec + "]";
    }
}
