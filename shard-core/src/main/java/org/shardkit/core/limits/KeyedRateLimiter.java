package org.shardkit.core.limits;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.shardkit.core.LimitExceededException;

/**
 * A rate limit per caller key, e.g. 10 calls per minute per agent, built on Resilience4j's
 * {@link RateLimiter} (one per key). At most {@code maxKeys} keys are tracked; the least recently
 * used is forgotten beyond that, so a flood of distinct keys cannot exhaust memory.
 *
 * <pre>{@code
 * KeyedRateLimiter chat = KeyedRateLimiter.of(10, Duration.ofMinutes(1));
 * chat.acquire("agent-" + agentId);   // throws LimitExceededException on the 11th call in a minute
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class KeyedRateLimiter {
    /** Default number of keys tracked: {@value}. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final int permits;
    private final Duration period;
    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> limiters;

    private KeyedRateLimiter(int permits, Duration period, int maxKeys) {
        this.permits = permits;
        this.period = period;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Returns a limiter of {@code permits} calls per {@code period} per key.
     *
     * @param permits calls allowed per period, {@code >= 1}
     * @param period the period, at least 1 ms
     * @return the limiter
     */
    public static KeyedRateLimiter of(int permits, Duration period) {
        return of(permits, period, DEFAULT_MAX_KEYS);
    }

    /**
     * Returns a limiter that tracks at most {@code maxKeys} keys.
     *
     * @param permits calls allowed per period, {@code >= 1}
     * @param period the period, at least 1 ms
     * @param maxKeys keys tracked at most, {@code >= 1}
     * @return the limiter
     * @throws IllegalArgumentException naming the bad value
     */
    public static KeyedRateLimiter of(int permits, Duration period, int maxKeys) {
        Objects.requireNonNull(period, "period");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be >= 1, but was " + permits);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be >= 1ms, but was " + period);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1, but was " + maxKeys);
        }
        return new KeyedRateLimiter(permits, period, maxKeys);
    }

    /**
     * Takes one permit for a key, or fails at once.
     *
     * @param key the caller key, e.g. an agent id or an IP address
     * @throws LimitExceededException naming the key and the limit when it has no permit left
     */
    public void acquire(String key) {
        if (!tryAcquire(key)) {
            throw new LimitExceededException(
                    "rate of caller '" + key + "'", permits + " per " + period, "try again in the next period");
        }
    }

    /**
     * Takes one permit for a key if it has one.
     *
     * @param key the caller key
     * @return whether a permit was taken
     */
    public boolean tryAcquire(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        RateLimiter limiter;
        synchronized (limiters) {
            limiter = limiters.computeIfAbsent(key, k -> RateLimiter.of("shardkit-rate-" + k, config));
        }
        return limiter.acquirePermission();
    }

    /** Returns how many keys are tracked now. */
    public int trackedKeys() {
        synchronized (limiters) {
            return limiters.size();
        }
    }
}
