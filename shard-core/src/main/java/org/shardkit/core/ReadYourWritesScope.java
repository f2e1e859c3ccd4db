package org.shardkit.core;

import java.util.Set;
import java.util.TreeSet;
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
 * <p>A scope belongs to the database that opened it: writes through another {@link
 * ShardedDatabase} do not count in it. Bound to the thread that opened it; not thread-safe. Scopes
 * nest.
 */
public final class ReadYourWritesScope implements AutoCloseable {
    private final Tracker tracker;
    private final Set<ShardId> written = new TreeSet<>();
    private final @Nullable ReadYourWritesScope outer;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private ReadYourWritesScope(Tracker tracker, @Nullable ReadYourWritesScope outer) {
        this.tracker = tracker;
        this.outer = outer;
        if (outer != null) {
            written.addAll(outer.written);
        }
    }

    /** Returns the shards written to in this scope so far, in order. */
    public Set<ShardId> writtenShards() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(written));
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
            tracker.current.set(o);
        } else {
            tracker.current.remove();
        }
    }

    /** One database's scopes: the scope open on each thread. Thread-safe. */
    static final class Tracker {
        private final ThreadLocal<@Nullable ReadYourWritesScope> current = new ThreadLocal<>();

        ReadYourWritesScope open() {
            ReadYourWritesScope scope = new ReadYourWritesScope(this, current.get());
            current.set(scope);
            return scope;
        }

        void markWritten(ShardId shard) {
            ReadYourWritesScope scope = current.get();
            if (scope != null) {
                scope.written.add(shard);
            }
        }

        boolean wasWritten(ShardId shard) {
            ReadYourWritesScope scope = current.get();
            return scope != null && scope.written.contains(shard);
        }
    }
}
