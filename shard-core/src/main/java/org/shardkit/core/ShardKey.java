package org.shardkit.core;

import org.shardkit.routing.KeyHash;

/**
 * A typed shard key: the value that decides which shard a row lives on. A {@code long} key (an
 * ID) is routed as it is; a {@code String} or {@code byte[]} key is first reduced to 64 bits by
 * shardkit's one stable hash ({@link KeyHash}), so the same text always lands on the same shard.
 *
 * <pre>{@code
 * db.withShard(ShardKey.of(agentId), h -> ...);
 * db.withShard(ShardKey.of("user@example.com"), h -> ...);
 * }</pre>
 *
 * @param routingValue the 64-bit value handed to the routing strategy
 */
public record ShardKey(long routingValue) {

    /**
     * Returns the key for a numeric ID.
     *
     * @param id the ID
     * @return the key
     */
    public static ShardKey of(long id) {
        return new ShardKey(id);
    }

    /**
     * Returns the key for a text value, hashed with {@link KeyHash}.
     *
     * @param key the text, not null
     * @return the key
     * @throws IllegalArgumentException if {@code key} is null
     */
    public static ShardKey of(String key) {
        if (key == null) {
            throw new IllegalArgumentException("shard key must not be null");
        }
        return new ShardKey(KeyHash.hash(key));
    }

    /**
     * Returns the key for raw bytes, hashed with {@link KeyHash}.
     *
     * @param key the bytes, not null
     * @return the key
     * @throws IllegalArgumentException if {@code key} is null
     */
    public static ShardKey of(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("shard key must not be null");
        }
        return new ShardKey(KeyHash.hash(key));
    }

    /** Returns {@code key} after checking it is not null, for API entry points. */
    static ShardKey require(ShardKey key) {
        if (key == null) {
            throw new IllegalArgumentException("shard key must not be null");
        }
        return key;
    }
}
