package org.shardkit.examples.data;

import java.util.SplittableRandom;

/**
 * The graph's randomness: every draw comes from a generator seeded by (graph seed, stream, index), so
 * any part of the graph can be drawn again alone, in any order and on any thread, and comes out the
 * same. Floating point goes through {@link StrictMath}, whose results are the same on every JVM.
 */
final class Draws {
    /** Each agent's degree weight. */
    static final long DEGREES = 1;
    /** The friendship draws, by block. */
    static final long EDGES = 2;
    /** Each agent's profile. */
    static final long PROFILES = 3;
    /** The interactions, by block. */
    static final long INTERACTIONS = 4;
    /** Each agent's communities. */
    static final long MEMBERSHIPS = 5;
    /** The owner of a community nobody joined. */
    static final long OWNERS = 6;
    /** Which of an agent's friends it talks to most. */
    static final long FAVOURITES = 7;
    /** Friendship and membership times. */
    static final long TIMES = 8;
    /** Which side of a friendship asked. */
    static final long REQUESTERS = 9;

    private Draws() {}

    /** SplitMix64's finalizer: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns the 64-bit hash of (seed, stream, index). */
    static long hash(long seed, long stream, long index) {
        return mix(mix(seed + stream * 0x9E3779B97F4A7C15L) + index * 0xC2B2AE3D27D4EB4FL);
    }

    /** Returns the generator of one (seed, stream, index). */
    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(hash(seed, stream, index));
    }

    /** Returns a double in (0, 1) from 64 random bits (never 0, so that its logarithm is finite). */
    static double open01(long bits) {
        return ((bits >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** Returns a standard normal draw from two hashes (Box-Muller, in StrictMath). */
    static double gaussian(long bits1, long bits2) {
        double r = StrictMath.sqrt(-2 * StrictMath.log(open01(bits1)));
        return r * StrictMath.cos(2 * StrictMath.PI * open01(bits2));
    }

    /** Returns a draw of the geometric law on {0, 1, 2, ...} with success probability {@code p}. */
    static int geometric(SplittableRandom random, double p) {
        double draw = StrictMath.floor(StrictMath.log(open01(random.nextLong())) / StrictMath.log(1 - p));
        return draw >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) draw;
    }
}
