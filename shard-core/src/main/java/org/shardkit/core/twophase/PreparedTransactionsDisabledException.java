package org.shardkit.core.twophase;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * Two-phase commit is enabled but a shard's server refuses {@code PREPARE TRANSACTION}: its {@code
 * max_prepared_transactions} is 0, PostgreSQL's default. Thrown at start (eager startup) or when a
 * distributed unit first uses the shard (lazy startup). {@link #shardId()} is the first such shard,
 * {@link #shards()} all of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class PreparedTransactionsDisabledException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final transient List<ShardId> shards;

    /**
     * Creates the exception.
     *
     * @param shards each shard that refuses, with its description, e.g. {@code shard 1 (social_1)}
     *     to its {@code max_connections}; not empty
     */
    public PreparedTransactionsDisabledException(Map<ShardId, String> shards) {
        super(shards.keySet().iterator().next(), message(shards), null);
        this.shards = List.copyOf(shards.keySet());
    }

    private static String message(Map<ShardId, String> shards) {
        return "two-phase commit is enabled (twoPhase.enabled: true), but "
                + shards.values().stream()
                        .map(s -> s + " has max_prepared_transactions = 0")
                        .collect(Collectors.joining(", "))
                + " (PostgreSQL's default), which refuses PREPARE TRANSACTION; set max_prepared_transactions = N"
                + " (N > 0, e.g. the server's max_connections) in postgresql.conf of "
                + (shards.size() == 1 ? "that server" : "those servers")
                + " and restart, or set twoPhase.enabled: false";
    }

    /** Returns every shard whose server refuses prepared transactions, in id order. */
    public List<ShardId> shards() {
        return shards;
    }
}
