package org.shardkit.examples.data;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link BulkSeeder} load did: each phase's final progress (rows, time, rate) in order.
 *
 * @param phases each phase's final progress, in the order they ran
 * @param elapsed the whole load's time, checks and schema included
 */
public record SeedReport(List<PhaseProgress> phases, Duration elapsed) {
    /** Copies the list. */
    public SeedReport {
        phases = List.copyOf(phases);
    }

    /** Returns the rows written by every phase but {@link SeedPhase#ANALYZE}. */
    public long rows() {
        return phases.stream()
                .filter(p -> p.phase() != SeedPhase.ANALYZE)
                .mapToLong(PhaseProgress::done)
                .sum();
    }

    /** Returns a phase's final progress. */
    public PhaseProgress phase(SeedPhase phase) {
        return phases.stream()
                .filter(p -> p.phase() == phase)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("phase " + phase + " did not run"));
    }

    /** Returns one line per phase and a total line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (PhaseProgress p : phases) {
            b.append(p).append('\n');
        }
        return b.append(String.format(
                        java.util.Locale.ROOT,
                        "total: %,d rows in %.1f s (%,.0f rows/s)",
                        rows(),
                        elapsed.toNanos() / 1e9,
                        rows() / Math.max(1e-9, elapsed.toNanos() / 1e9)))
                .toString();
    }
}
