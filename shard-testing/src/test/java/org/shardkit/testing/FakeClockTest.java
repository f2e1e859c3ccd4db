package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class FakeClockTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final FakeClock clock = FakeClock.at(START);

    @Test
    void at_showsStartInUtcUntilMoved() {
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void nanoTime_isEpochNanosAndMovesWithClock() {
        LongSupplier ticker = clock::nanoTime;
        long before = ticker.getAsLong();

        clock.advance(Duration.ofNanos(1_500_000));

        assertThat(before).isEqualTo(START.getEpochSecond() * 1_000_000_000L);
        assertThat(ticker.getAsLong() - before).isEqualTo(1_500_000);
        assertThat(clock.millis()).as("rounded down").isEqualTo(START.toEpochMilli() + 1);
        assertThat(clock.instant()).isEqualTo(START.plusNanos(1_500_000));
    }

    @Test
    void advance_durationAndMillis_addUp() {
        clock.advance(Duration.ofSeconds(3));
        clock.advanceMillis(250);
        clock.advance(Duration.ZERO);
        clock.advanceMillis(0);

        assertThat(clock.instant()).isEqualTo(START.plusMillis(3_250));
    }

    @Test
    void advance_negativeDuration_throwsNamingIt() {
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "duration must not be negative, but was PT-0.001S; use set(Instant) to move the clock back");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void advanceMillis_negative_throwsNamingIt() {
        assertThatThrownBy(() -> clock.advanceMillis(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("millis must not be negative, but was -5; use set(Instant) to move the clock back");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void advance_pastLastNanosecondInstant_throwsAndLeavesClock() {
        assertThatThrownBy(() -> clock.advance(Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would move the clock past 2262-04-11T23:47:16.854775807Z");
        assertThatThrownBy(() -> clock.advanceMillis(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would move the clock past");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void advanceTo_laterMillisecond_movesThere() {
        clock.advanceTo(START.toEpochMilli() + 42);

        assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 42);
    }

    @Test
    void advanceTo_earlierMillisecond_neverMovesBack() {
        clock.advance(Duration.ofNanos(500_000));

        clock.advanceTo(START.toEpochMilli() - 10);
        clock.advanceTo(START.toEpochMilli());

        assertThat(clock.instant()).isEqualTo(START.plusNanos(500_000));
    }

    @Test
    void set_earlierInstant_movesBack() {
        clock.advanceMillis(100);

        clock.set(START.minusSeconds(10));

        assertThat(clock.instant()).isEqualTo(START.minusSeconds(10));
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli() - 10_000);
    }

    @Test
    void set_instantOutsideNanosecondRange_throwsNamingIt() {
        Instant tooLate = Instant.parse("2263-01-01T00:00:00Z");

        assertThatThrownBy(() -> clock.set(tooLate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instant must be between 1677-09-21T00:12:43.145224192Z and 2262-04-11T23:47:16.854775807Z"
                        + " (a long of nanoseconds since the epoch), but was 2263-01-01T00:00:00Z");
        assertThatThrownBy(() -> FakeClock.at(Instant.MIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("start must be between");
    }

    @Test
    void at_earliestAndPre1970Instants_readExactly() {
        Instant earliest = Instant.ofEpochSecond(0, Long.MIN_VALUE);
        assertThat(FakeClock.at(earliest).nanoTime()).isEqualTo(Long.MIN_VALUE);

        Instant justBefore1970 = Instant.parse("1969-12-31T23:59:59.999500Z");
        FakeClock early = FakeClock.at(justBefore1970);
        assertThat(early.instant()).isEqualTo(justBefore1970);
        assertThat(early.millis()).isEqualTo(justBefore1970.toEpochMilli()).isEqualTo(-1);
    }

    @Test
    void withZone_sharesTimeBothWays() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        FakeClock inParis = clock.withZone(paris);

        clock.advanceMillis(7);
        inParis.advanceMillis(3);

        assertThat(inParis.getZone()).isEqualTo(paris);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(inParis.instant()).isEqualTo(START.plusMillis(10));
        assertThat(clock.instant()).isEqualTo(START.plusMillis(10));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void advance_fromManyThreads_losesNoStep() throws Exception {
        int threads = 4;
        int steps = 25_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean millis = t % 2 == 0;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < steps; i++) {
                        if (millis) {
                            clock.advanceMillis(1);
                        } else {
                            clock.advance(Duration.ofMillis(1));
                        }
                        clock.advanceTo(START.toEpochMilli()); // never back, even while others move it
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clock.instant()).isEqualTo(START.plusMillis((long) threads * steps));
    }

    @Test
    void toString_showsInstantAndZone() {
        assertThat(clock).hasToString("FakeClock[2026-03-01T12:00:00Z, Z]");
    }
}
