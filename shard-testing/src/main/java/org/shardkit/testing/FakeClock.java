package org.shardkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it, for anything time-based: inject it where the code
 * takes a {@link Clock}, and {@link #nanoTime() clock::nanoTime} where it takes a nanosecond ticker
 * (a {@code LongSupplier}, or a Caffeine {@code Ticker}); both readings move together.
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at(Instant.parse("2026-03-01T12:00:00Z"));
 * IdGenerator ids = IdGenerator.builder().workerId(1).clock(clock).build();
 * TwoLevelCache cache = TwoLevelCache.builder().settings(settings).ticker(clock::nanoTime).build();
 *
 * clock.advance(Duration.ofSeconds(3));   // forward only
 * clock.set(clock.instant().minusMillis(20)); // a clock stepping back
 * }</pre>
 *
 * <p>The time is nanoseconds since the Unix epoch in one {@link AtomicLong}, so it holds instants
 * from 1677-09-21 to 2262-04-11. Readings are exact: {@link #millis()} is the nanoseconds rounded
 * down to the millisecond, {@link #instant()} keeps the nanoseconds.
 *
 * <p>Thread-safe: every reading and every move is one atomic operation, and clocks made by {@link
 * #withZone(ZoneId)} share this one's time.
 */
public final class FakeClock extends Clock {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AtomicLong epochNanos;
    private final ZoneId zone;

    private FakeClock(AtomicLong epochNanos, ZoneId zone) {
        this.epochNanos = epochNanos;
        this.zone = zone;
    }

    /**
     * Returns a clock that shows {@code start}, in the UTC zone, until it is moved.
     *
     * @param start the instant the clock starts at
     * @return a new clock
     * @throws IllegalArgumentException if {@code start} does not fit in a {@code long} of
     *     nanoseconds since the epoch (before 1677-09-21 or after 2262-04-11)
     */
    public static FakeClock at(Instant start) {
        return new FakeClock(new AtomicLong(toEpochNanos(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Returns the current time in milliseconds since the epoch, rounded down.
     *
     * @return the milliseconds since 1970-01-01T00:00Z
     */
    @Override
    public long millis() {
        return Math.floorDiv(epochNanos.get(), NANOS_PER_MILLI);
    }

    /**
     * Returns the current instant, to the nanosecond.
     *
     * @return the current instant
     */
    @Override
    public Instant instant() {
        long nanos = epochNanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /**
     * Returns a nanosecond reading that moves exactly with this clock: the nanoseconds since the
     * epoch. Pass {@code clock::nanoTime} where code takes a ticker in place of {@link
     * System#nanoTime()}, so that {@link #advance(Duration)} moves both.
     *
     * @return the nanoseconds since 1970-01-01T00:00Z
     */
    public long nanoTime() {
        return epochNanos.get();
    }

    /**
     * Returns the zone: UTC for a clock from {@link #at(Instant)}.
     *
     * @return the zone
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Returns a clock in another zone that shares this clock's time: moving either moves both.
     *
     * @param zone the zone
     * @return a clock in {@code zone} on this clock's time; this clock if the zone is the same
     */
    @Override
    public FakeClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new FakeClock(epochNanos, zone);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, zero or positive
     * @throws IllegalArgumentException if {@code duration} is negative (use {@link #set(Instant)} to
     *     move the clock back), or would move the clock past 2262-04-11
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    "duration must not be negative, but was " + duration + "; use set(Instant) to move the clock back");
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            throw beyondRange("advancing by " + duration);
        }
        advanceNanos(nanos, duration);
    }

    /**
     * Moves the clock forward by a number of milliseconds.
     *
     * @param millis how far, zero or positive
     * @throws IllegalArgumentException if {@code millis} is negative (use {@link #set(Instant)} to
     *     move the clock back), or would move the clock past 2262-04-11
     */
    public void advanceMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(
                    "millis must not be negative, but was " + millis + "; use set(Instant) to move the clock back");
        }
        long nanos;
        try {
            nanos = Math.multiplyExact(millis, NANOS_PER_MILLI);
        } catch (ArithmeticException e) {
            throw beyondRange("advancing by " + millis + " ms");
        }
        advanceNanos(nanos, millis + " ms");
    }

    /**
     * Moves the clock forward to a millisecond if that is later than the clock shows; never moves it
     * back. Handy as a wait strategy that jumps to the awaited time instead of waiting.
     *
     * @param epochMillis the milliseconds since the epoch to move to
     * @throws IllegalArgumentException if {@code epochMillis} is after 2262-04-11
     */
    public void advanceTo(long epochMillis) {
        long target;
        try {
            target = Math.multiplyExact(epochMillis, NANOS_PER_MILLI);
        } catch (ArithmeticException e) {
            throw beyondRange("advancing to " + epochMillis + " ms since the epoch");
        }
        epochNanos.accumulateAndGet(target, Math::max);
    }

    /**
     * Sets the clock to any instant, earlier or later: the way to simulate a clock stepping back.
     *
     * @param instant the instant the clock shows from now on
     * @throws IllegalArgumentException if {@code instant} is before 1677-09-21 or after 2262-04-11
     */
    public void set(Instant instant) {
        epochNanos.set(toEpochNanos(instant, "instant"));
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + ", " + zone + "]";
    }

    private void advanceNanos(long nanos, Object by) {
        try {
            epochNanos.accumulateAndGet(nanos, Math::addExact);
        } catch (ArithmeticException e) {
            throw beyondRange("advancing " + instant() + " by " + by);
        }
    }

    private static long toEpochNanos(Instant instant, String name) {
        Objects.requireNonNull(instant, name);
        long seconds = instant.getEpochSecond();
        long nanos = instant.getNano();
        if (seconds < 0 && nanos > 0) {
            // As Instant.toEpochMilli does: the earliest instants overflow seconds * 10^9 alone.
            seconds++;
            nanos -= NANOS_PER_SECOND;
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be between " + Instant.ofEpochSecond(0, Long.MIN_VALUE)
                    + " and " + Instant.ofEpochSecond(0, Long.MAX_VALUE)
                    + " (a long of nanoseconds since the epoch), but was " + instant);
        }
    }

    private static IllegalArgumentException beyondRange(String what) {
        return new IllegalArgumentException(
                what + " would move the clock past " + Instant.ofEpochSecond(0, Long.MAX_VALUE)
                        + ", the last instant a long of nanoseconds since the epoch holds");
    }
}
