package org.shardkit.core.writequeue;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.journal.JournalRecord;

/**
 * One write from acceptance until its sink committed or failed it: the write, the level its caller
 * chose, the caller's future (none for a write replayed from the journal), when it came (ticker
 * nanos) and its journal record once appended.
 */
final class QueuedWrite<T> {
    final T write;
    final Ack ack;
    final @Nullable CompletableFuture<Void> caller;
    final long submittedAt;
    volatile @Nullable JournalRecord record;
    /** Completes once the write was first handed to the sink, or left the queue without it. */
    final CompletableFuture<Void> handedOver = new CompletableFuture<>();

    QueuedWrite(T write, Ack ack, @Nullable CompletableFuture<Void> caller, long submittedAt) {
        this.write = write;
        this.ack = ack;
        this.caller = caller;
        this.submittedAt = submittedAt;
    }

    /** Tells whether the caller has been answered already, or there is none: a failure goes to the listener. */
    boolean answered() {
        return caller == null || caller.isDone();
    }
}
