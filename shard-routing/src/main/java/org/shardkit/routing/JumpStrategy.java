package org.shardkit.routing;

import org.shardkit.routing.spi.ShardStrategy;

/**
 * Jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014).
 *
 * <p>The key is used as given (no pre-mix), and the step is computed as {@code (b + 1) / (((key >>> 33) + 1) /
 * 2^31)}, one correctly rounded division, which is exactly what Guava's {@code Hashing.consistentHash(long, int)}
 * computes; the two route every key alike. Immutable and thread-safe.
 */
record JumpStrategy(int shardCount) implements ShardStrategy {

    private static final long LCG_MULTIPLIER = 2862933555777941757L;
    private static final double TWO_POW_31 = 0x1.0p31;

    JumpStrategy {
        Checks.positive("shardCount", shardCount);
    }

    @Override
    public int route(long key) {
        return jump(key, shardCount);
    }

    static int jump(long key, int buckets) {
        long state = key;
        int candidate = 0;
        while (true) {
            state = state * LCG_MULTIPLIER + 1;
            double step = ((int) (state >>> 33) + 1) / TWO_POW_31;
            int next = (int) ((candidate + 1) / step);
            if (next >= 0 && next < buckets) {
                candidate = next;
            } else {
                return candidate;
            }
        }
    }

    @Override
    public int[] shardIds() {
        return Checks.range(shardCount);
    }

    @Override
    public String name() {
        return "jump";
    }
}
