package org.shardkit.examples.data;

import java.util.SplittableRandom;

/**
 * Draws an index in {@code [0, n)} with probability proportional to its weight, in constant time
 * (Vose's alias method). Built sequentially, so the same weights give the same table. Immutable and
 * thread-safe.
 */
final class AliasTable {
    private final double[] keep;
    private final int[] alias;

    private AliasTable(double[] keep, int[] alias) {
        this.keep = keep;
        this.alias = alias;
    }

    /**
     * Returns the table of some weights, each finite and at least 0, some above 0. Overwrites nothing:
     * the weights are copied.
     */
    static AliasTable of(double[] weights) {
        int n = weights.length;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, but one was " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights must not all be 0 (" + n + " weights)");
        }
        double[] scaled = new double[n];
        int[] alias = new int[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            alias[i] = i;
            if (scaled[i] < 1) {
                small[s++] = i;
            } else {
                large[l++] = i;
            }
        }
        while (s > 0 && l > 0) {
            int less = small[--s];
            int more = large[--l];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            if (scaled[more] < 1) {
                small[s++] = more;
            } else {
                large[l++] = more;
            }
        }
        // What is left is 1 up to rounding.
        while (l > 0) {
            scaled[large[--l]] = 1;
        }
        while (s > 0) {
            scaled[small[--s]] = 1;
        }
        return new AliasTable(scaled, alias);
    }

    /** Returns the table of Zipf's law over {@code n} ranks: rank {@code r} (from 0) weighs {@code (r + 1)^-exponent}. */
    static AliasTable zipf(int n, double exponent) {
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            w[r] = StrictMath.pow(r + 1, -exponent);
        }
        return of(w);
    }

    /** Returns the number of indexes. */
    int size() {
        return keep.length;
    }

    /** Draws an index. */
    int sample(SplittableRandom random) {
        int i = random.nextInt(keep.length);
        return random.nextDouble() < keep[i] ? i : alias[i];
    }
}
