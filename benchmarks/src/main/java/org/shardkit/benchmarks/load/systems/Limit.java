package org.shardkit.benchmarks.load.systems;

/** The one check of a read's {@code limit} that every system makes before it touches a shard. */
final class Limit {
    private Limit() {}

    /**
     * Returns the limit if it asks for at least one row.
     *
     * @throws IllegalArgumentException naming the value, if it is below 1
     */
    static int require(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        return limit;
    }
}
