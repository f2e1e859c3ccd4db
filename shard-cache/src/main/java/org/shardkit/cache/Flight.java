package org.shardkit.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * One load in progress for one key on this node; callers that miss the same key meanwhile wait for
 * it instead of loading again. {@link #invalidated} is set when an invalidation for the key arrives
 * during the load, so its (possibly old) result is not cached.
 */
final class Flight {
    private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
    volatile boolean invalidated;

    void complete(@Nullable Object value) {
        result.complete(value);
    }

    void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Nullable
    Object await() {
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
