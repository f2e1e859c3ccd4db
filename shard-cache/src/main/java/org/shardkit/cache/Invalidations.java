package org.shardkit.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.shardkit.cache.internal.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A two-level cache: Caffeine in this process (L1) in front of Redis (L2), read through with
 * single-flight loads, and invalidated on every node through Redis pub/sub. It is the entry point of
 * {@code shard-cache}; values are read and invalidated through its {@linkplain CacheNamespace
 * namespaces}.
 *
 * <pre>{@code
 * try (TwoLevelCache cache = TwoLevelCache.builder()
 *         .settings(CacheSettings.builder()
 *                 .redis(RedisSettings.builder()
 *                         .host("redis.internal")
 *                         .passwordFromEnvironment(System.getenv(), "REDIS_PASSWORD")
 *                         .build())
 *                 .namespace(NamespaceSettings.builder("agents").ttl(Duration.ofMinutes(10)).build())
 *                 .build())
 *         .meterRegistry(registry)
 *         .build()) {
 *     CacheNamespace<Agent> agents = cache.namespace("agents", Agent.class);
 *     Agent agent = agents.get("42", id -> repository.find(Long.parseLong(id)));
 * }
 * }</pre>
 *
 * <p>When Redis cannot be reached the cache is <em>degraded</em>: it serves L1 and calls loaders, never
 * throws a Redis error, reports {@code shardkit.cache.degraded = 1}, and on reconnecting clears L1
 * before it uses Redis again. {@code docs/cache.md} states exactly what is guaranteed.
 *
 * <p>Thread-safe. Each instance owns a Redis pool, a subscriber thread and a health-check thread;
 * {@link #close()} releases them.
 */
/**
 * The cross-node invalidation protocol of a {@link TwoLevelCache}: invalidating a key or a whole
 * namespace in Redis (and telling every node), writing a loaded value only if no invalidation
 * landed meanwhile, queueing invalidations while Redis is unreachable and replaying them, and
 * applying the messages other nodes send. Thread-safe.
 */
final class Invalidations implements RedisLink.Listener {
    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    // At the namespace's current version (read here, so a bump this node has not heard of yet is
    // honoured): DEL the value, count the invalidation (loads in flight compare it), tell every node.
    // KEYS[1] = version key; ARGV = key base, key, channel, message, count TTL in ms.
    private static final byte[] INVALIDATE = ("local v = redis.call('GET', KEYS[1]) or '0' "
                    + "redis.call('DEL', ARGV[1] .. v .. ':k:' .. ARGV[2]) "
                    + "local t = ARGV[1] .. v .. ':t:' .. ARGV[2] "
                    + "redis.call('INCR', t) "
                    + "redis.call('PEXPIRE', t, ARGV[5]) "
                    + "redis.call('PUBLISH', ARGV[3], ARGV[4]) "
                    + "return 1")
            .getBytes(StandardCharsets.UTF_8);
    // Write a loaded value only if no invalidation of the key landed since the load began.
    private static final byte[] SET_IF_NOT_INVALIDATED = ("local t = redis.call('GET', KEYS[2]) "
                    + "if (t == false and ARGV[2] == '') or t == ARGV[2] then "
                    + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) return 1 end "
                    + "return 0")
            .getBytes(StandardCharsets.UTF_8);
    private static final String BUMP =
            "local v = redis.call('INCR', KEYS[1]) " + "redis.call('PUBLISH', ARGV[1], ARGV[2] .. v) " + "return v";

    private static final char KEY_MESSAGE = 'K';
    private static final char NAMESPACE_MESSAGE = 'N';
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");

    private final Map<String, NamespaceState> states;
    private final String channelName;
    private final byte[] channel;
    private final Counter invalidationsReceived;
    private final Counter localClears;
    private final Object drainLock = new Object();
    // Set once, right after the link is made: the link needs this listener, this needs the link.
    @SuppressWarnings("NullAway.Init")
    private RedisLink link;

    Invalidations(Map<String, NamespaceState> states, String channel, MeterRegistry registry, Tags tags) {
        this.states = states;
        this.channelName = channel;
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.invalidationsReceived = Counter.builder("shardkit.cache.invalidations.received")
                .description("invalidation messages received from the channel")
                .tags(tags)
                .register(registry);
        this.localClears = Counter.builder("shardkit.cache.local.clears")
                .description("times L1 was cleared because the subscription had been lost")
                .tags(tags)
                .register(registry);
    }

    void attach(RedisLink value) {
        this.link = value;
    }

    @Override
    public void onAvailable() {
        drainPending();
    }

    /** Returns the invalidations made while Redis was unreachable and not yet replayed (a gauge). */
    double pending() {
        long n = 0;
        for (NamespaceState s : states.values()) {
            n += s.pendingKeys.size() + (s.pendingBump ? 1 : 0);
        }
        return n;
    }

    void invalidateKey(NamespaceState state, String key) {
        if (link.available()) {
            try {
                invalidateInRedis(link.client(), state, key);
                state.dropLocal(key);
                return;
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        state.dropLocal(key);
        if (state.pendingKeys.size() >= NamespaceState.MAX_PENDING_KEYS) {
            state.pendingBump = true;
            state.pendingKeys.clear();
        } else {
            state.pendingKeys.add(key);
        }
        if (link.available()) {
            drainPending(); // the link came back while we queued
        }
    }

    void invalidateNamespace(NamespaceState state) {
        if (link.available()) {
            try {
                state.adoptVersion(bump(link.client(), state));
                return;
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        state.dropAllLocal();
        state.pendingBump = true;
        if (link.available()) {
            drainPending();
        }
    }

    private void invalidateInRedis(UnifiedJedis redis, NamespaceState state, String key) {
        String message = KEY_MESSAGE + state.name + "\n" + key;
        redis.eval(
                INVALIDATE,
                List.of(state.versionKey.getBytes(StandardCharsets.UTF_8)),
                List.of(
                        state.keyBase.getBytes(StandardCharsets.UTF_8),
                        key.getBytes(StandardCharsets.UTF_8),
                        channel,
                        message.getBytes(StandardCharsets.UTF_8),
                        Long.toString(state.settings.ttl().toMillis()).getBytes(StandardCharsets.US_ASCII)));
    }

    private long bump(UnifiedJedis redis, NamespaceState state) {
        Object v = redis.eval(
                BUMP, List.of(state.versionKey), List.of(channelName, NAMESPACE_MESSAGE + state.name + "\n"));
        return ((Number) v).longValue();
    }

    void setIfNotInvalidated(byte[] valueKey, byte[] tombKey, byte[] value, byte[] token, byte[] ttlMillis) {
        link.client().eval(SET_IF_NOT_INVALIDATED, List.of(valueKey, tombKey), List.of(value, token, ttlMillis));
    }

    /** Replays invalidations made while Redis was unreachable. Failures put the link down again. */
    private void drainPending() {
        synchronized (drainLock) {
            try {
                replay(link.client());
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
    }

    private void replay(UnifiedJedis redis) {
        for (NamespaceState state : states.values()) {
            if (state.pendingBump) {
                state.pendingBump = false;
                try {
                    state.adoptVersion(bump(redis, state));
                } catch (RuntimeException e) {
                    state.pendingBump = true;
                    throw e;
                }
                state.pendingKeys.clear(); // the bump covers them
            }
            for (String key : new ArrayList<>(state.pendingKeys)) {
                invalidateInRedis(redis, state, key);
                state.pendingKeys.remove(key);
            }
        }
    }

    @Override
    public void onMessage(String message) {
        invalidationsReceived.increment();
        int newline = message.indexOf('\n');
        if (message.isEmpty() || newline < 1) {
            log.warn("ignoring a malformed invalidation message of {} chars", message.length());
            return;
        }
        NamespaceState state = states.get(message.substring(1, newline));
        if (state == null) {
            return; // a namespace another service version has and we do not
        }
        String rest = message.substring(newline + 1);
        if (message.charAt(0) == KEY_MESSAGE) {
            state.dropLocal(rest);
        } else if (message.charAt(0) == NAMESPACE_MESSAGE
                && DIGITS.matcher(rest).matches()) {
            state.adoptVersion(Long.parseLong(rest));
        } else {
            log.warn("ignoring a malformed invalidation message for namespace {}", state.name);
        }
    }

    @Override
    public void onSubscribed(UnifiedJedis redis) {
        synchronized (drainLock) {
            replay(redis);
        }
        List<NamespaceState> list = new ArrayList<>(states.values());
        if (!list.isEmpty()) {
            List<String> versions =
                    redis.mget(list.stream().map(s -> s.versionKey).toArray(String[]::new));
            for (int i = 0; i < list.size(); i++) {
                String v = versions.get(i);
                list.get(i).version = v != null && DIGITS.matcher(v).matches() ? Long.parseLong(v) : 0L;
            }
        }
        // While unsubscribed this node may have missed invalidations: forget everything it holds.
        for (NamespaceState state : list) {
            state.dropAllLocal();
        }
        localClears.increment();
    }
}
