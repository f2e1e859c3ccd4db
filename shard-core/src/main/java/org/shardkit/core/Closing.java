package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/** Closes several resources in order, every one even if an earlier one fails. */
final class Closing {
    private Closing() {}

    /**
     * Closes each resource that is not null, in the order given. A failure does not stop the rest: it
     * is added to {@code cause} as suppressed when there is one (a failed start), or thrown after the
     * others closed, with any further failures suppressed in it.
     *
     * @param cause the failure that led to closing, or null for a normal close
     * @param resources what to close, nulls skipped
     */
    static void all(@Nullable Throwable cause, @Nullable AutoCloseable... resources) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception | Error e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof RuntimeException re
                            ? re
                            : new ShardkitException("could not close " + r + ": " + e, e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
