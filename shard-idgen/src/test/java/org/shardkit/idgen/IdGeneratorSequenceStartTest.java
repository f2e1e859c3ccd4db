package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.testing.FakeClock;

/**
 * Where a new millisecond's sequence starts: in the lower half of the sequence space, so that a
 * generator issuing a few IDs per millisecond never runs out of a millisecond and waits.
 */
class IdGeneratorSequenceStartTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final FakeClock clock = FakeClock.at(START);

    @ParameterizedTest(name = "{0} IDs per millisecond for {1} ms")
    @CsvSource({"2, 250000", "7, 100000"})
    void nextId_fewIdsPerMillisecond_neverWaits(int idsPerMillisecond, int millis) {
        // A start carried modulo the whole space (before the fix) waited 80 times at 2/ms and 147 at 7/ms.
        AtomicLong waits = new AtomicLong();
        IdGenerator generator = IdGenerator.builder()
                .workerId(1)
                .clock(clock)
                .waitStrategy((now, until) -> {
                    waits.incrementAndGet();
                    clock.advanceTo(until);
                })
                .build();

        for (int ms = 0; ms < millis; ms++) {
            for (int i = 0; i < idsPerMillisecond; i++) {
                generator.nextId();
            }
            clock.advanceMillis(1);
        }

        assertThat(waits)
                .as("waits at %d IDs/ms over %d ms", idsPerMillisecond, millis)
                .hasValue(0);
    }

    @ParameterizedTest(name = "{0} sequence bits")
    @ValueSource(ints = {1, 3, 12})
    void nextId_anyPriorSequence_newMillisecondStartsAtMostHalfMaxSequence(int sequenceBits) {
        IdLayout layout = IdLayout.of(
                63 - 10 - sequenceBits, 10, sequenceBits, IdLayout.ofDefaults().epoch());
        long max = layout.maxSequence();
        IdGenerator generator = IdGenerator.builder()
                .layout(layout)
                .workerId(9)
                .clock(clock)
                .waitStrategy((now, until) -> {
                    throw new AssertionError("waited from " + now + " until " + until);
                })
                .build();
        SplittableRandom random = new SplittableRandom(sequenceBits);
        long priorSequence = max; // a new generator counts its first millisecond as following a used-up one
        long highestStart = 0;

        for (int ms = 0; ms < 3_000; ms++) {
            IdParts first = generator.decode(generator.nextId());
            long start = first.sequence();
            assertThat(first.timestamp()).isEqualTo(clock.instant());
            assertThat(start).as("start after sequence %d", priorSequence).isLessThanOrEqualTo(max / 2);
            if (priorSequence == max) {
                assertThat(start).as("start after a used-up millisecond").isZero();
            }
            highestStart = Math.max(highestStart, start);

            // Use this millisecond up to a random last sequence, anywhere from its start to the maximum.
            priorSequence = start + random.nextLong(max - start + 1);
            for (long s = start; s < priorSequence; s++) {
                generator.nextId();
            }
            clock.advanceMillis(1);
        }

        assertThat(highestStart).as("starts reach the top of the lower half").isGreaterThanOrEqualTo(max / 2 * 15 / 16);
    }
}
