package org.shardkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * A value in L1: the decoded value (null for a cached absence), the namespace version it was read
 * under, and for absences an expiry of its own (0 when the L1 TTL alone applies).
 */
final class Entry {
    final @Nullable Object value;
    final long version;
    final long deadlineNanos;

    Entry(@Nullable Object value, long version, long deadlineNanos) {
        this.value = value;
        this.version = version;
        this.deadlineNanos = deadlineNanos;
    }
}
