package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperationStatsTest {

    /** 1 to 10,000 microseconds, once each: the p-th percentile is p% of 10 ms. */
    @Test
    void percentiles_ofAKnownUniformSequence_areWithinHdrHistogramsPrecision() {
        OperationStats stats = new OperationStats(Operation.FEED);
        for (int us = 1; us <= 10_000; us++) {
            stats.record(us * 1000L, false, true);
        }
        stats.drain();

        ResultRow row = ResultRow.of("s", "w", OperationResult.of(stats), 2.0);

        // 3 significant digits: each value within 0.1% (a bucket's highest equivalent value).
        assertThat(row.count()).isEqualTo(10_000);
        assertThat(row.p50Ms()).isCloseTo(5.0, withinPercentage(0.1));
        assertThat(row.p95Ms()).isCloseTo(9.5, withinPercentage(0.1));
        assertThat(row.p99Ms()).isCloseTo(9.9, withinPercentage(0.1));
        assertThat(row.p999Ms()).isCloseTo(9.99, withinPercentage(0.1));
        assertThat(row.maxMs()).isCloseTo(10.0, withinPercentage(0.1));
        assertThat(row.throughputOps()).isEqualTo(5000.0);
    }

    /** 99 fast requests and one slow one: the slow one is the max and beyond p99, not p99 itself. */
    @Test
    void percentiles_ofOneOutlier_showItOnlyAboveP99() {
        OperationStats stats = new OperationStats(Operation.FEED);
        for (int i = 0; i < 999; i++) {
            stats.record(1_000_000L, false, true);
        }
        stats.record(2_000_000_000L, false, true);
        stats.drain();

        ResultRow row = ResultRow.of("s", "w", OperationResult.of(stats), 1.0);

        assertThat(row.p99Ms()).isCloseTo(1.0, withinPercentage(0.1));
        assertThat(row.p999Ms()).isCloseTo(1.0, withinPercentage(0.1));
        assertThat(row.maxMs()).isCloseTo(2000.0, withinPercentage(0.1));
    }

    @Test
    void errors_areCountedAndKeptInTheFigures() {
        OperationStats stats = new OperationStats(Operation.CREATE_AGENT);
        stats.record(1_000_000L, false, true);
        stats.record(9_000_000L, true, true);
        stats.noteFailure(new IllegalStateException("boom"));
        stats.noteFailure(new IllegalStateException("boom"));
        stats.drain();

        ResultRow row = ResultRow.of("s", "w", OperationResult.of(stats), 1.0);

        assertThat(row.count()).isEqualTo(2);
        assertThat(row.errors()).isEqualTo(1);
        assertThat(row.maxMs()).isCloseTo(9.0, withinPercentage(0.1));
        assertThat(stats.errorSamples()).isEqualTo(List.of("IllegalStateException: boom"));
    }

    @Test
    void drain_addsEachIntervalToTheTotal() {
        OperationStats stats = new OperationStats(Operation.FEED);
        stats.record(1000, false, true);
        assertThat(stats.drain().getTotalCount()).isEqualTo(1);
        stats.record(1000, false, false);
        stats.record(1000, false, false);
        assertThat(stats.drain().getTotalCount()).isEqualTo(2);

        assertThat(stats.total().getTotalCount()).isEqualTo(3);
        assertThat(stats.completedInWindow()).isEqualTo(1);
    }
}
