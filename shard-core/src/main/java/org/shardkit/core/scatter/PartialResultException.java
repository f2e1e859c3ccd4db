package org.shardkit.core.scatter;

import java.util.Map;
import java.util.stream.Collectors;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * A scatter's result was asked for as complete, but shards are missing. The message names each
 * missing shard and why.
 *
 * <p>Immutable and thread-safe.
 */
public final class PartialResultException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final transient Map<ShardId, Throwable> missing;

    /**
     * Creates the exception.
     *
     * @param missing each missing shard and its cause
     * @param asked how many shards the scatter ran on
     */
    public PartialResultException(Map<ShardId, Throwable> missing, int asked) {
        super(
                missing.size() + " of " + asked + " shards missing from the result: "
                        + missing.entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue().getMessage())
                                .collect(Collectors.joining("; ")),
                missing.values().iterator().next());
        this.missing = Map.copyOf(missing);
    }

    /** Returns each missing shard and its cause. */
    public Map<ShardId, Throwable> missing() {
        return missing;
    }
}
