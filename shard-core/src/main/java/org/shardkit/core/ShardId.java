package org.shardkit.core;

/**
 * The identity of a physical shard: a small non-negative integer, the same number the routing
 * strategy returns.
 *
 * @param value the shard's id, {@code >= 0}
 */
public record ShardId(int value) implements Comparable<ShardId> {

    /**
     * Validates the id.
     *
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public ShardId {
        if (value < 0) {
            throw new IllegalArgumentException("shard id must be >= 0, but was " + value);
        }
    }

    /**
     * Returns the shard id with this value.
     *
     * @param value the id, {@code >= 0}
     * @return the shard id
     */
    public static ShardId of(int value) {
        return new ShardId(value);
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "shard " + value;
    }
}
