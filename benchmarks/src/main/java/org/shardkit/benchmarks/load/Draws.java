package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;

/**
 * The two random streams of one driver thread. {@link #common()} is the same for every system, so
 * each system is asked the same reads in the same order; {@link #own()} differs per system, for the
 * arguments of writes that must not collide on the data the systems share (a friendship one
 * system has added cannot be added again by the next). Not thread-safe: one per thread.
 *
 * @param common the stream every system shares: which operation, which agent reads
 * @param own the system's stream: pairs and names of writes
 */
record Draws(SplittableRandom common, SplittableRandom own) {

    /**
     * Returns the draws of one driver thread.
     *
     * @param seed the run's seed: the common stream depends on it alone (and the thread)
     * @param systemIndex the system's position in {@code --systems}
     * @param thread the driver thread's index
     * @param runSalt differs between runs, so a run over a reused graph does not repeat the
     *     previous run's writes (its friend requests would all be duplicates)
     */
    static Draws of(long seed, int systemIndex, int thread, long runSalt) {
        long threadSeed = seed * 0x9E3779B97F4A7C15L + thread;
        long ownSeed = threadSeed ^ (0xD1B54A32D192ED03L * (systemIndex + 1)) ^ (runSalt * 0xBF58476D1CE4E5B9L);
        return new Draws(new SplittableRandom(threadSeed), new SplittableRandom(ownSeed));
    }

    /** Returns the draws of one driver thread with no run salt (for tests). */
    static Draws of(long seed, int systemIndex, int thread) {
        return of(seed, systemIndex, thread, 0);
    }
}
