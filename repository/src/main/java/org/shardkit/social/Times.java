package org.shardkit.social;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time as the schema stores it: microseconds (PostgreSQL's {@code timestamptz}), from an injected clock. */
final class Times {
    private Times() {}

    /** Returns the clock's now, truncated to what the database keeps. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Returns the value to bind for a {@code timestamptz}. */
    static OffsetDateTime bind(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
