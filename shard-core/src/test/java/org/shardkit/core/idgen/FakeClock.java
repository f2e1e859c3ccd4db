package org.shardkit.core.idgen;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.shardkit.idgen.WaitStrategy;

/** A clock that moves only when told to. Thread-safe. */
final class FakeClock extends Clock {
    private final AtomicLong millis;

    FakeClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(long deltaMillis) {
        millis.addAndGet(deltaMillis);
    }

    /** A wait strategy that jumps this clock to the awaited millisecond instead of waiting. */
    WaitStrategy jumpingWait() {
        return (now, until) -> millis.accumulateAndGet(until, Math::max);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
