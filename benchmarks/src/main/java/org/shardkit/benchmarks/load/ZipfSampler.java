package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;

/**
 * Draws positions in {@code [0, n)} with a Zipf-like law of shape {@code s} in {@code [0, 1)}: the
 * rank-k item is drawn with probability about proportional to {@code k^-s}. The rank comes from
 * the inverse of the continuous law's CDF ({@code rank = n * u^(1/(1-s))}), exact enough for the
 * access skew LinkBench describes and O(1) per draw.
 *
 * <p>Ranks map to positions through a fixed {@link Permutation}, so the hot agents are spread over
 * ids and shards rather than being the first seeded; every sampler shares it, so the agents whose
 * links are read most are also those written most (LinkBench's correlation). LinkBench blends that
 * law with an uncorrelated one of the same shape: with probability {@code 1 - blend} the rank maps
 * through a permutation of the sampler's own instead. Immutable and thread-safe.
 */
final class ZipfSampler {
    private static final long SHARED_MULTIPLIER = 0x9E3779B97F4A7C15L >>> 1;
    private static final long SHARED_OFFSET = 0x632BE59BD9B4E019L >>> 1;

    private final int n;
    private final double exponent;
    private final double blend;
    private final Permutation correlated;
    private final Permutation uncorrelated;

    /**
     * Creates a sampler.
     *
     * @param n the number of positions
     * @param shape the Zipf shape, in {@code [0, 1)}; 0 is uniform
     * @param blend the share of draws through the shared permutation, in {@code [0, 1]}
     * @param salt picks the sampler's own permutation (one per access kind)
     */
    ZipfSampler(int n, double shape, double blend, long salt) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, but was " + n);
        }
        if (!(shape >= 0 && shape < 1)) {
            throw new IllegalArgumentException("shape must be in [0, 1), but was " + shape);
        }
        if (!(blend >= 0 && blend <= 1)) {
            throw new IllegalArgumentException("blend must be in [0, 1], but was " + blend);
        }
        this.n = n;
        this.exponent = 1 / (1 - shape);
        this.blend = blend;
        this.correlated = new Permutation(n, SHARED_MULTIPLIER, SHARED_OFFSET);
        this.uncorrelated = new Permutation(n, SHARED_MULTIPLIER ^ ((salt * 0xBF58476D1CE4E5B9L) >>> 1), salt * 7919);
    }

    /** Returns a position in {@code [0, n)}. */
    int next(SplittableRandom random) {
        int rank = rank(random.nextDouble());
        boolean shared = blend >= 1 || random.nextDouble() < blend;
        return shared ? correlated.at(rank) : uncorrelated.at(rank);
    }

    /** Returns the rank (0 hottest) that a uniform draw {@code u} in {@code [0, 1)} stands for. */
    int rank(double u) {
        int r = (int) (n * Math.pow(u, exponent));
        return Math.min(r, n - 1);
    }
}
