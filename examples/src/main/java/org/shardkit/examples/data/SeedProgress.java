package org.shardkit.examples.data;

/**
 * Hears how a {@link BulkSeeder} load proceeds: for each phase, once when it starts (nothing done),
 * every progress interval while it runs, and once when it is complete ({@code done == total}).
 * Called on the thread that called {@link BulkSeeder#seed}, one call at a time, so an implementation
 * need not be thread-safe; it should return quickly (the load goes on meanwhile, but the next update
 * waits).
 *
 * <pre>{@code
 * SeedProgress bars = p -> System.out.printf("\r%-13s %5.1f%% %,10.0f rows/s", p.phase().label(),
 *         100 * p.fraction(), p.perSecond());
 * }</pre>
 */
@FunctionalInterface
public interface SeedProgress {
    /** Receives one update. */
    void update(PhaseProgress progress);

    /** Returns a listener that ignores every update. */
    static SeedProgress none() {
        return p -> {};
    }
}
