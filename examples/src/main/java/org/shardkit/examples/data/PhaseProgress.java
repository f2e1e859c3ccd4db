package org.shardkit.examples.data;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a {@link BulkSeeder} phase stands: what a progress bar draws.
 *
 * @param phase the phase
 * @param done rows written so far (tables, for {@link SeedPhase#ANALYZE})
 * @param total rows the phase writes in all
 * @param elapsed time since the phase started
 */
public record PhaseProgress(SeedPhase phase, long done, long total, Duration elapsed) {
    /** Returns the share done, 0 to 1 (1 for a phase with nothing to write). */
    public double fraction() {
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }

    /** Returns whether the phase is complete. */
    public boolean finished() {
        return done >= total;
    }

    /** Returns the rate so far, in rows (or tables) per second; 0 before any time has passed. */
    public double perSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Returns the time left at the rate so far; empty until some rows are written. */
    public Optional<Duration> remaining() {
        if (finished()) {
            return Optional.of(Duration.ZERO);
        }
        double rate = perSecond();
        return rate <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) ((total - done) / rate * 1000)));
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%s: %,d/%,d in %.1f s (%,.0f/s)",
                phase.label(),
                done,
                total,
                elapsed.toNanos() / 1e9,
                perSecond());
    }
}
