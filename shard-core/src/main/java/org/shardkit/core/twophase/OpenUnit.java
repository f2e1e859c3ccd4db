package org.shardkit.core.twophase;

import java.sql.Connection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardQueryException;
import org.shardkit.core.ShardedDatabase;

/**
 * The {@link DistributedTransaction} handed to a unit's work: its handles, one per shard, usable on
 * the thread that runs the work until the work returns. Not thread-safe (by design: one thread).
 */
final class OpenUnit implements DistributedTransaction {
    private final ShardedDatabase db;
    private final String globalId;
    private final Set<ShardId> shards;
    private final Map<ShardId, Handle> handles = new TreeMap<>();
    private final Thread owner = Thread.currentThread();
    private volatile boolean open = true;

    OpenUnit(ShardedDatabase db, String globalId, Set<ShardId> shards) {
        this.db = db;
        this.globalId = globalId;
        this.shards = Collections.unmodifiableSet(new TreeSet<>(shards));
    }

    @Override
    public Handle handle(ShardKey key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        return handle(db.shardOf(key));
    }

    @Override
    public Handle handle(ShardId shardId) {
        if (shardId == null) {
            throw new IllegalArgumentException("shardId must not be null");
        }
        if (!open) {
            throw new IllegalStateException("distributed transaction " + globalId + " is over: its work has returned");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("distributed transaction " + globalId + " belongs to thread "
                    + owner.getName() + ", not " + Thread.currentThread().getName());
        }
        Handle h = handles.get(shardId);
        if (h == null) {
            throw new IllegalArgumentException(
                    shardId + " is not in distributed transaction " + globalId + ", which covers " + shards);
        }
        return h;
    }

    @Override
    public Set<ShardId> shards() {
        return shards;
    }

    @Override
    public String globalId() {
        return globalId;
    }

    /** Adds the handle of a shard's transaction, once it has begun. */
    void attach(ShardId shard, Handle handle) {
        handles.put(shard, handle);
    }

    /** Returns the handle of a shard for the coordinator, open or not. */
    Handle attached(ShardId shard) {
        Handle h = handles.get(shard);
        if (h == null) {
            throw new IllegalStateException(shard + " has no handle in " + globalId);
        }
        return h;
    }

    /**
     * Returns the failure the work threw, with a statement failure on one of this unit's handles
     * turned into a {@link ShardQueryException} naming that handle's shard, as every other call of
     * the database names it; anything else unchanged.
     */
    Throwable namingShard(Throwable failure) {
        if (failure instanceof StatementException se && se.getStatementContext() != null) {
            Connection c = se.getStatementContext().getConnection();
            for (Map.Entry<ShardId, Handle> e : handles.entrySet()) {
                if (e.getValue().getConnection() == c) {
                    return new ShardQueryException(e.getKey(), db.shardName(e.getKey()), failure);
                }
            }
        }
        return failure;
    }

    /** Ends the work's use of the handles. */
    void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "DistributedTransaction{" + globalId + ", shards=" + shards + ", open=" + open + "}";
    }
}
