package org.shardkit.core;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A scope in which reads from a shard that this thread wrote to go to that shard's primary, so
 * the code sees its own writes even when replicas lag. Open it with {@link
 * ShardedDatabase#readYourWrites()} and close it with try-with-resources:
 *
 * <pre>{@code
 * try (ReadYourWritesScope scope = db.readYourWrites()) {
 *     db.useShard(key, h -> h.execute("UPDATE agent SET name = ? WHERE id = ?", name, id));
 *     Agent a = db.withReadOnly(key, h -> ...);   // primary: this thread wrote there
 * }
 * }</pre>
 *
 * <p>Bound to the thread that opened it; not thread-safe. Scopes nest.
 */
public final class ReadYourWritesScope implements AutoCloseable {
    private static final ThreadLocal<@Nullable ReadYourWritesScope> CURRENT = new ThreadLocal<>();

    private final Set<Integer> written = new HashSet<>();
    private final @Nullable ReadYourWritesScope outer;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private ReadYourWritesScope(@Nullable ReadYourWritesScope outer) {
        this.outer = outer;
        if (outer != null) {
            written.addAll(outer.written);
        }
    }

    static ReadYourWritesScope open() {
        ReadYourWritesScope scope = new ReadYourWritesScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static void markWritten(ShardId shard) {
        ReadYourWritesScope scope = CURRENT.get();
        if (scope != null) {
            scope.written.add(shard.value());
        }
    }

    static boolean wasWritten(ShardId shard) {
        ReadYourWritesScope scope = CURRENT.get();
        return scope != null && scope.written.contains(shard.value());
    }

    /** Returns the shards written to in this scope so far. */
    public Set<Integer> writtenShards() {
        return Set.copyOf(written);
    }

    /**
     * Ends the scope; an enclosing scope, if any, becomes current again and keeps what this one
     * saw written.
     *
     * @throws IllegalStateException if called from another thread than the one that opened it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a ReadYourWritesScope must be closed by the thread that opened it ("
                    + owner.getName() + "), not " + Thread.currentThread().getName());
        }
        closed = true;
        ReadYourWritesScope o = outer;
        if (o != null) {
            o.written.addAll(written);
            CURRENT.set(o);
        } else {
            CURRENT.remove();
        }
    }
}
