package org.shardkit.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shards that could not be reached when the database started (with {@code startup: eager}). Every
 * unreachable shard is named, with its URL and the cause.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardStartupException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final transient List<ShardId> unreachable;

    /**
     * Creates the exception.
     *
     * @param failures each unreachable shard and why, e.g. {@code social_1 at jdbc:... : Connection refused}
     * @param cause the first failure
     */
    public ShardStartupException(Map<ShardId, String> failures, Throwable cause) {
        super(
                failures.size() + " shard" + (failures.size() == 1 ? "" : "s") + " unreachable at start: "
                        + failures.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining("; ")),
                cause);
        this.unreachable = List.copyOf(failures.keySet());
    }

    /** Returns the shards that could not be reached. */
    public List<ShardId> unreachable() {
        return unreachable;
    }
}
