package org.shardkit.benchmarks.load;

import java.math.BigInteger;

/**
 * A fixed shuffle of {@code [0, n)}: {@code i -> (a * i + b) mod n} with {@code a} coprime to
 * {@code n}, so distinct inputs below {@code n} give distinct positions. Immutable and thread-safe.
 */
final class Permutation {
    private final long n;
    private final long a;
    private final long b;

    /**
     * Creates the permutation {@code i -> (a * i + b) mod n}, {@code a} being the first number from
     * {@code multiplier mod n} up that is coprime to {@code n}.
     *
     * @param n the size, positive
     * @param multiplier where the search for {@code a} starts
     * @param offset {@code b}, taken mod {@code n}
     */
    Permutation(int n, long multiplier, long offset) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, but was " + n);
        }
        this.n = n;
        this.b = Math.floorMod(offset, (long) n);
        long candidate = Math.max(1, Math.floorMod(multiplier, (long) n));
        while (n > 1
                && !BigInteger.valueOf(candidate).gcd(BigInteger.valueOf(n)).equals(BigInteger.ONE)) {
            candidate = candidate % (n - 1) + 1;
        }
        this.a = candidate;
    }

    /** Returns the position of {@code i}; distinct for distinct {@code i} in {@code [0, n)}. */
    int at(long i) {
        return (int) Math.floorMod(Math.floorMod(a * Math.floorMod(i, n), n) + b, n);
    }
}
