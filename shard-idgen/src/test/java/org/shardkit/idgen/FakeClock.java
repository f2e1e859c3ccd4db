package org.shardkit.idgen;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. Thread-safe. */
final class FakeClock extends Clock {
    private final AtomicLong millis;

    FakeClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    void set(long newMillis) {
        millis.set(newMillis);
    }

    void advance(long deltaMillis) {
        millis.addAndGet(deltaMillis);
    }

    void advanceTo(long targetMillis) {
        millis.accumulateAndGet(targetMillis, Math::max);
    }

    /** A wait strategy that jumps this clock to the awaited millisecond instead of waiting. */
    WaitStrategy jumpingWait() {
        return (now, until) -> advanceTo(until);
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
