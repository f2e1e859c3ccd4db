package org.shardkit.core;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jspecify.annotations.Nullable;

/**
 * One database's shard-pinned transactions: the transaction each thread has open on it, if any.
 * Work for the same shard joins it, work for another shard is refused. The state belongs to the
 * database, so a transaction open on one {@link ShardedDatabase} never captures calls made on
 * another one on the same thread. Thread-safe.
 */
final class Transactions {
    private record Open(Shard shard, Handle handle) {}

    private final ThreadLocal<@Nullable Open> current = new ThreadLocal<>();

    /**
     * Returns the handle of the transaction this thread has open, when it is on this shard: work
     * joins it (the same connection, so it sees the transaction's writes and cannot deadlock by
     * asking the pool or the bulkhead for a second place). Null when there is none.
     *
     * @throws CrossShardTransactionException if the open transaction is pinned to another shard
     */
    @Nullable
    Handle joinable(Shard shard) {
        Open open = current.get();
        if (open == null) {
            return null;
        }
        if (open.shard() != shard) {
            throw new CrossShardTransactionException(open.shard().id(), shard.id());
        }
        return open.handle();
    }

    /** Returns the shard this thread's open transaction is pinned to, or null. */
    @Nullable
    ShardId openShard() {
        Open open = current.get();
        return open == null ? null : open.shard().id();
    }

    /** Runs the body of a new transaction, with it registered as this thread's open one. */
    <R, X extends Exception> R run(Shard shard, Handle handle, HandleCallback<R, X> callback) throws X {
        current.set(new Open(shard, handle));
        try {
            return callback.withHandle(handle);
        } finally {
            current.remove();
        }
    }
}
