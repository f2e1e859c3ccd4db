package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDs issued at low rates must spread evenly under {@code id % N}, the way shards are often picked. */
class IdGeneratorSpreadTest {
    private static final int IDS = 65_536;

    /** Chi-square critical values at p = 0.001 for N - 1 degrees of freedom. */
    private static final Map<Integer, Double> CRITICAL_P001 = Map.of(
            2, 10.828, 3, 13.816, 4, 16.266, 8, 24.322, 10, 27.877, 12, 31.264, 16, 37.697, 64, 103.442, 100, 148.230);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 10, 12, 16, 64, 100})
    void nextId_onePerMillisecond_idModNIsUniform(int n) {
        IdGenerator generator = IdGenerator.builder()
                .workerId(0)
                .clock(clock)
                .waitStrategy(clock.jumpingWait())
                .build();
        long[] ids = new long[IDS];
        for (int i = 0; i < IDS; i++) {
            ids[i] = generator.nextId();
            clock.advance(1);
        }

        assertThat(chiSquare(ids, n)).isLessThan(CRITICAL_P001.get(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 10, 12, 16, 64, 100})
    void nextId_irregularLowRate_idModNIsUniform(int n) {
        SplittableRandom random = new SplittableRandom(n);
        IdGenerator generator = IdGenerator.builder()
                .workerId(513)
                .clock(clock)
                .waitStrategy(clock.jumpingWait())
                .build();
        long[] ids = new long[IDS];
        int i = 0;
        while (i < IDS) {
            // Bursts of 1 to 3 IDs, then a gap of 1 to 20 ms.
            for (int burst = 1 + random.nextInt(3); burst > 0 && i < IDS; burst--) {
                ids[i++] = generator.nextId();
            }
            clock.advance(1 + random.nextInt(20));
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
