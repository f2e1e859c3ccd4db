package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.idgen.spi.WorkerIdLease;
import org.shardkit.testing.FakeClock;

class IdGeneratorTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final FakeClock clock = FakeClock.at(START);

    private IdGenerator.Builder builder() {
        // Jumps the clock to the awaited millisecond instead of waiting.
        return IdGenerator.builder().workerId(5).clock(clock).waitStrategy((now, until) -> clock.advanceTo(until));
    }

    @Test
    void build_epochInFuture_throwsNamingEpoch() {
        IdLayout layout = IdLayout.ofDefaults().withEpoch(START.plusMillis(1));

        assertThatThrownBy(() -> builder().layout(layout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epoch must not be in the future, but was 2026-03-01T12:00:00.001Z"
                        + " (clock: 2026-03-01T12:00:00Z)");
    }

    @Test
    void build_workerIdAboveLayout_throwsNamingValueAndRange() {
        assertThatThrownBy(() -> builder().workerId(1024).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerId must be in [0, 1023], but was 1024");
    }

    @Test
    void workerId_negative_throwsAtOnce() {
        assertThatThrownBy(() -> IdGenerator.builder().workerId(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerId must be at least 0, but was -1");
    }

    @Test
    void backwardsTolerance_negative_throwsAtOnce() {
        assertThatThrownBy(() -> IdGenerator.builder().backwardsTolerance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backwardsTolerance must not be negative, but was PT-0.001S");
    }

    @Test
    void build_withoutWorkerId_throws() {
        assertThatThrownBy(() -> IdGenerator.builder().clock(clock).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a workerId or workerIdAssigner must be set");
    }

    @Test
    void build_epochBeyondTimestampBits_throws() {
        // 20 timestamp bits hold 1,048,575 ms (about 17.5 minutes).
        IdLayout layout = IdLayout.of(20, 21, 22, START.minusSeconds(3600));

        assertThatThrownBy(() -> builder().layout(layout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3600000 ms in the past, beyond the 20-bit limit of 1048575 ms");
    }

    @Test
    void nextId_timestampOutgrowsLayout_throws() {
        IdLayout layout = IdLayout.of(20, 21, 22, START);
        IdGenerator generator = builder().layout(layout).build();
        generator.nextId();

        clock.set(START.plusMillis(1L << 20));

        assertThatThrownBy(generator::nextId)
                .isInstanceOf(IdGenerationException.class)
                .hasMessageContaining("1048576 ms after the epoch")
                .hasMessageContaining("beyond the 20-bit limit of 1048575 ms");
    }

    @Test
    void nextId_decodesToClockWorkerAndSequence() {
        IdGenerator generator = builder().build();

        IdParts parts = generator.decode(generator.nextId());

        assertThat(parts).isEqualTo(new IdParts(START, 5, 0));
        assertThat(generator.decode(generator.nextId())).isEqualTo(new IdParts(START, 5, 1));
    }

    @Test
    void nextId_frozenClock_issues4096ThenWaitsForNextMillisecond() {
        AtomicInteger waits = new AtomicInteger();
        IdGenerator generator = builder()
                .waitStrategy((now, until) -> {
                    waits.incrementAndGet();
                    assertThat(until).isEqualTo(now + 1);
                    clock.advanceTo(until);
                })
                .build();

        long previous = -1;
        for (int i = 0; i < 4096; i++) {
            long id = generator.nextId();
            assertThat(id).isGreaterThan(previous);
            assertThat(generator.decode(id)).isEqualTo(new IdParts(START, 5, i));
            previous = id;
        }
        assertThat(waits).hasValue(0);

        long id4097 = generator.nextId();

        assertThat(waits).hasValue(1);
        assertThat(generator.decode(id4097)).isEqualTo(new IdParts(START.plusMillis(1), 5, 0));
        assertThat(id4097).isGreaterThan(previous);
    }

    @Test
    void nextId_frozenClockThatNeverMoves_neverReturns4097thId() {
        IdGenerator generator = builder()
                .waitStrategy((now, until) -> {
                    throw new IllegalStateException("would wait from " + now + " until " + until);
                })
                .build();
        for (int i = 0; i < 4096; i++) {
            generator.nextId();
        }

        assertThatThrownBy(generator::nextId)
                .hasMessage("would wait from %d until %d", clock.millis(), clock.millis() + 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 10})
    void nextId_clockStepsBackWithinTolerance_waitsItOut(long stepMillis) {
        List<long[]> waits = new ArrayList<>();
        IdGenerator generator = builder()
                .waitStrategy((now, until) -> {
                    waits.add(new long[] {now, until});
                    clock.advanceTo(until);
                })
                .build();
        long before = generator.nextId();

        clock.set(START.minusMillis(stepMillis));
        long after = generator.nextId();

        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).containsExactly(START.toEpochMilli() - stepMillis, START.toEpochMilli());
        assertThat(after).isGreaterThan(before);
        assertThat(generator.decode(after)).isEqualTo(new IdParts(START, 5, 1));
    }

    @Test
    void nextId_clockStepsBack10Seconds_throwsWithDriftUntilClockCatchesUp() {
        AtomicInteger waits = new AtomicInteger();
        IdGenerator generator =
                builder().waitStrategy((now, until) -> waits.incrementAndGet()).build();
        long before = generator.nextId();

        clock.set(START.minusMillis(10_000));

        assertThatThrownBy(generator::nextId)
                .isInstanceOfSatisfying(ClockMovedBackwardsException.class, e -> {
                    assertThat(e.drift()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(e.tolerance()).isEqualTo(Duration.ofMillis(10));
                })
                .isInstanceOf(IdGenerationException.class)
                .hasMessage("clock moved backwards by 10000 ms for worker 5, more than the tolerance of 10 ms;"
                        + " refusing to issue IDs until the clock passes the last issued timestamp");
        assertThat(waits).hasValue(0);

        clock.advanceMillis(10_001);

        long after = generator.nextId();
        assertThat(after).isGreaterThan(before);
        assertThat(generator.decode(after).timestamp()).isEqualTo(START.plusMillis(1));
    }

    @Test
    void nextId_clockStepsBackJustOverTolerance_throws() {
        IdGenerator generator =
                builder().backwardsTolerance(Duration.ofMillis(10)).build();
        generator.nextId();

        clock.set(START.minusMillis(11));

        assertThatThrownBy(generator::nextId)
                .isInstanceOfSatisfying(
                        ClockMovedBackwardsException.class,
                        e -> assertThat(e.drift()).isEqualTo(Duration.ofMillis(11)));
    }

    @Test
    void nextId_newMillisecond_continuesSequenceByStepOf1To16ModuloHalfTheSpace() {
        IdGenerator generator = builder().build();
        long previous = generator.decode(generator.nextId()).sequence();
        int[] stepCounts = new int[17];

        for (int i = 0; i < 5000; i++) {
            clock.advanceMillis(1);
            long sequence = generator.decode(generator.nextId()).sequence();
            int step = (int) ((sequence - previous) & 2047);
            assertThat(sequence).isLessThanOrEqualTo(2047);
            assertThat(step).isBetween(1, 16);
            stepCounts[step]++;
            previous = sequence;
        }
        for (int step = 1; step <= 16; step++) {
            assertThat(stepCounts[step]).as("step %d", step).isPositive();
        }
    }

    @Test
    void nextId_afterUsedUpMillisecond_nextStartsAtZero() {
        IdGenerator generator = builder().build();
        generator.nextId();
        clock.advanceMillis(1);
        long millis = clock.millis();
        IdParts parts;
        do {
            // Uses up this millisecond from its jittered start; the jumping wait then moves the clock on.
            parts = generator.decode(generator.nextId());
        } while (parts.timestamp().toEpochMilli() == millis);

        assertThat(parts.timestamp().toEpochMilli()).isEqualTo(millis + 1);
        assertThat(parts.sequence()).isZero();
    }

    @Test
    void close_thenNextId_throwsAndReleasesLastTimestamp() {
        AtomicLong released = new AtomicLong();
        FakeLease lease = new FakeLease(3, WorkerIdLease.NO_TIMESTAMP, Long.MAX_VALUE, released);
        IdGenerator generator = builder().workerIdAssigner((max, c) -> lease).build();
        generator.nextId();
        clock.advanceMillis(7);
        generator.nextId();

        generator.close();
        generator.close();

        assertThat(released).hasValue(START.toEpochMilli() + 7);
        assertThat(lease.releases).hasValue(1);
        assertThatThrownBy(generator::nextId)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("IdGenerator for worker 3 is closed");
    }

    @Test
    void nextId_pastLeaseDeadline_throwsLeaseLost() {
        long deadline = START.toEpochMilli() + 100;
        FakeLease lease = new FakeLease(3, WorkerIdLease.NO_TIMESTAMP, deadline, new AtomicLong());
        IdGenerator generator = builder().workerIdAssigner((max, c) -> lease).build();
        clock.set(Instant.ofEpochMilli(deadline));
        assertThat(generator.decode(generator.nextId()).timestamp().toEpochMilli())
                .isEqualTo(deadline);

        clock.advanceMillis(1);

        assertThatThrownBy(generator::nextId)
                .isInstanceOfSatisfying(
                        WorkerIdLeaseLostException.class,
                        e -> assertThat(e.workerId()).isEqualTo(3))
                .hasMessage("lease of worker 3 ended at " + deadline + ", now " + (deadline + 1));
    }

    @Test
    void build_storedTimestampAheadWithinTolerance_firstIdWaitsPastIt() {
        long stored = START.toEpochMilli() + 8;
        FakeLease lease = new FakeLease(3, stored, Long.MAX_VALUE, new AtomicLong());
        List<Long> waitedUntil = new ArrayList<>();
        IdGenerator generator = builder()
                .workerIdAssigner((max, c) -> lease)
                .waitStrategy((now, until) -> {
                    waitedUntil.add(until);
                    clock.advanceTo(until);
                })
                .build();

        IdParts first = generator.decode(generator.nextId());

        assertThat(first.timestamp().toEpochMilli()).isEqualTo(stored + 1);
        assertThat(first.sequence()).isZero();
        assertThat(waitedUntil)
                .isNotEmpty()
                .allSatisfy(until -> assertThat(until).isLessThanOrEqualTo(stored + 1));
    }

    @Test
    void build_storedTimestampAheadBeyondTolerance_refusesAndReleasesLease() {
        long stored = START.toEpochMilli() + 5_000;
        AtomicLong released = new AtomicLong();
        FakeLease lease = new FakeLease(3, stored, Long.MAX_VALUE, released);

        assertThatThrownBy(() -> builder().workerIdAssigner((max, c) -> lease).build())
                .isInstanceOfSatisfying(
                        ClockMovedBackwardsException.class,
                        e -> assertThat(e.drift()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(released).hasValue(stored);
    }

    /** A lease with fixed times that records its release. */
    private static final class FakeLease implements WorkerIdLease {
        final long workerId;
        final long lastTimestamp;
        final long validUntil;
        final AtomicLong released;
        final AtomicInteger releases = new AtomicInteger();

        FakeLease(long workerId, long lastTimestamp, long validUntil, AtomicLong released) {
            this.workerId = workerId;
            this.lastTimestamp = lastTimestamp;
            this.validUntil = validUntil;
            this.released = released;
        }

        @Override
        public long workerId() {
            return workerId;
        }

        @Override
        public long lastTimestampMillis() {
            return lastTimestamp;
        }

        @Override
        public long validUntilMillis() {
            return validUntil;
        }

        @Override
        public WorkerIdLeaseLostException lossAt(long nowMillis) {
            return new WorkerIdLeaseLostException(
                    workerId, "lease of worker " + workerId + " ended at " + validUntil + ", now " + nowMillis);
        }

        @Override
        public void release(long lastIssuedMillis) {
            releases.incrementAndGet();
            released.set(lastIssuedMillis);
        }
    }
}
