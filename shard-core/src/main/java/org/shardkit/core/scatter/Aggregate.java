package org.shardkit.core.scatter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A count, sum, minimum and maximum that combine across shards exactly. The average is computed
 * from the combined sum and count, never as an average of per-shard averages.
 *
 * <p>Per shard: {@code SELECT count(x), sum(x), min(x), max(x) FROM ...} mapped with {@link
 * #of(long, BigDecimal, BigDecimal, BigDecimal)}; across shards: {@link #combine(Collection)}.
 *
 * @param count the number of values
 * @param sum their sum (zero when there are none)
 * @param min the smallest, or null when there are none
 * @param max the largest, or null when there are none
 */
public record Aggregate(
        long count,
        BigDecimal sum,
        @Nullable BigDecimal min,
        @Nullable BigDecimal max) {
    private static final Aggregate EMPTY = new Aggregate(0, BigDecimal.ZERO, null, null);

    /** Validates the fields. */
    public Aggregate {
        Objects.requireNonNull(sum, "sum");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, but was " + count);
        }
    }

    /**
     * Returns an aggregate from SQL's results, where {@code sum}, {@code min} and {@code max} are
     * NULL over no rows.
     *
     * @param count the count
     * @param sum the sum, or null
     * @param min the minimum, or null
     * @param max the maximum, or null
     * @return the aggregate
     */
    public static Aggregate of(
            long count, @Nullable BigDecimal sum, @Nullable BigDecimal min, @Nullable BigDecimal max) {
        return new Aggregate(count, sum == null ? BigDecimal.ZERO : sum, min, max);
    }

    /** Returns the aggregate of nothing. */
    public static Aggregate empty() {
        return EMPTY;
    }

    /**
     * Combines per-shard aggregates.
     *
     * @param parts the per-shard aggregates
     * @return their combination
     */
    public static Aggregate combine(Collection<Aggregate> parts) {
        Aggregate total = EMPTY;
        for (Aggregate part : parts) {
            total = total.plus(part);
        }
        return total;
    }

    /**
     * Combines this aggregate with another.
     *
     * @param other the other
     * @return the combination
     */
    public Aggregate plus(Aggregate other) {
        return new Aggregate(
                Math.addExact(count, other.count),
                sum.add(other.sum),
                pick(min, other.min, -1),
                pick(max, other.max, 1));
    }

    private static @Nullable BigDecimal pick(@Nullable BigDecimal a, @Nullable BigDecimal b, int sign) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Integer.signum(a.compareTo(b)) == sign ? a : b;
    }

    /** Returns {@code sum / count} to 16 significant digits, or empty when there are no values. */
    public Optional<BigDecimal> average() {
        return count == 0
                ? Optional.empty()
                : Optional.of(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64));
    }
}
