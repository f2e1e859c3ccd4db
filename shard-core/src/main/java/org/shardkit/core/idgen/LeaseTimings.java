package org.shardkit.core.idgen;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How long a lease lasts in the store, how often it is renewed, and how long before its expiry the
 * holder stops issuing IDs. Immutable.
 */
record LeaseTimings(Duration ttl, Duration renewInterval, Duration safetyMargin) {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    static final Duration DEFAULT_RENEW_INTERVAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(5);

    static LeaseTimings ofDefaults() {
        return new LeaseTimings(DEFAULT_TTL, DEFAULT_RENEW_INTERVAL, DEFAULT_SAFETY_MARGIN);
    }

    LeaseTimings {
        requirePositive("leaseTtl", ttl);
        requirePositive("renewInterval", renewInterval);
        requirePositive("safetyMargin", safetyMargin);
    }

    /** Checks that a renewal is due well before the holder's own deadline; called by the builders. */
    LeaseTimings validated() {
        if (safetyMargin.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("safetyMargin must be less than leaseTtl (" + ttl.toMillis()
                    + " ms), but was " + safetyMargin.toMillis() + " ms");
        }
        Duration usable = ttl.minus(safetyMargin);
        if (renewInterval.compareTo(usable) >= 0) {
            throw new IllegalArgumentException("renewInterval must be less than leaseTtl - safetyMargin ("
                    + usable.toMillis() + " ms), but was " + renewInterval.toMillis() + " ms");
        }
        return this;
    }

    LeaseTimings withTtl(Duration value) {
        return new LeaseTimings(value, renewInterval, safetyMargin);
    }

    LeaseTimings withRenewInterval(Duration value) {
        return new LeaseTimings(ttl, value, safetyMargin);
    }

    LeaseTimings withSafetyMargin(Duration value) {
        return new LeaseTimings(ttl, renewInterval, value);
    }

    long ttlMillis() {
        return ttl.toMillis();
    }

    /** The local deadline of a lease (re)newed by a request sent at {@code startMillis}. */
    long deadlineAfter(long startMillis) {
        return startMillis + ttl.toMillis() - safetyMargin.toMillis();
    }

    private static void requirePositive(String name, @Nullable Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, but was " + value);
        }
    }
}
