package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.testing.FakeClock;

/** IDs issued at low rates must spread evenly under {@code id % N}, the way shards are often picked. */
class IdGeneratorSpreadTest {
    private static final int IDS = 65_536;

    /** Chi-square critical values at p = 0.001 for N - 1 degrees of freedom. */
    private static final Map<Integer, Double> CRITICAL_P001 = Map.of(
            2, 10.828, 3, 13.816, 4, 16.266, 8, 24.322, 10, 27.877, 12, 31.264, 16, 37.697, 64, 103.442, 100, 148.230);

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-03-01T12:00:00Z"));

    static Stream<Arguments> steadyRates() {
        return IntStream.of(1, 2, 7)
                .boxed()
                .flatMap(rate -> IntStream.of(2, 3, 4, 8, 10, 12, 16, 64, 100).mapToObj(n -> Arguments.of(rate, n)));
    }

    /**
     * At k IDs per millisecond the test takes the first ID of each of {@value #IDS} milliseconds. The
     * other IDs of a millisecond are that one plus 1 to k - 1, so their residues are the first's,
     * shifted, and uniform when it is; but counted together they are not independent draws, and the
     * chi-square of all of them has a heavier tail than the chi-square distribution (at 2/ms and N =
     * 10 it passes the p = 0.001 value for about 0.8% of start instants, however evenly the starts
     * are spread). The first IDs of successive milliseconds are nearly independent draws.
     */
    @ParameterizedTest(name = "{0} IDs per millisecond, N = {1}")
    @MethodSource("steadyRates")
    void nextId_steadyLowRate_idModNIsUniform(int idsPerMillisecond, int n) {
        IdGenerator generator = IdGenerator.builder()
                .workerId(0)
                .clock(clock)
                .waitStrategy((now, until) -> clock.advanceTo(until))
                .build();
        long[] firstOfEachMillisecond = new long[IDS];
        for (int ms = 0; ms < IDS; ms++) {
            firstOfEachMillisecond[ms] = generator.nextId();
            for (int i = 1; i < idsPerMillisecond; i++) {
                generator.nextId();
            }
            clock.advanceMillis(1);
        }

        assertThat(chiSquare(firstOfEachMillisecond, n)).isLessThan(CRITICAL_P001.get(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 10, 12, 16, 64, 100})
    void nextId_irregularLowRate_idModNIsUniform(int n) {
        SplittableRandom random = new SplittableRandom(n);
        IdGenerator generator = IdGenerator.builder()
                .workerId(513)
                .clock(clock)
                .waitStrategy((now, until) -> clock.advanceTo(until))
                .build();
        long[] ids = new long[IDS];
        int i = 0;
        while (i < IDS) {
            // Bursts of 1 to 3 IDs, then a gap of 1 to 20 ms.
            for (int burst = 1 + random.nextInt(3); burst > 0 && i < IDS; burst--) {
                ids[i++] = generator.nextId();
            }
            clock.advanceMillis(1 + random.nextInt(20));
        }

        assertThat(chiSquare(ids, n)).isLessThan(CRITICAL_P001.get(n));
    }

    @Test
    void chiSquare_idsRestartingAtZeroEachMillisecond_isSignificant() {
        // The peers' bug, for contrast: sequence 0 every millisecond makes every ID even.
        IdLayout layout = IdLayout.ofDefaults();
        long[] ids = new long[IDS];
        for (int i = 0; i < IDS; i++) {
            ids[i] = layout.compose(1_000 + i, 0, 0);
        }

        assertThat(chiSquare(ids, 2)).isGreaterThan(CRITICAL_P001.get(2));
    }

    private static double chiSquare(long[] ids, int n) {
        long[] counts = new long[n];
        for (long id : ids) {
            counts[(int) (id % n)]++;
        }
        double expected = (double) ids.length / n;
        double sum = 0;
        for (long count : counts) {
            double d = count - expected;
            sum += d * d / expected;
        }
        return sum;
    }
}
