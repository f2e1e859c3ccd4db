package org.shardkit.social;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.core.writequeue.ReplayReport;

/**
 * The repository's interaction write queue, started at the first queued interaction (its threads cost
 * nothing to a repository that never queues one), or at once when a journal must be replayed; closed
 * once. Thread-safe.
 */
final class InteractionQueue {
    private final Supplier<AsyncInteractions> factory;
    private volatile @Nullable AsyncInteractions started;
    private boolean closed;

    InteractionQueue(Supplier<AsyncInteractions> factory, boolean startNow) {
        this.factory = factory;
        if (startNow) {
            this.started = factory.get();
        }
    }

    CompletableFuture<Interaction> submit(Interaction it, @Nullable Ack ack) {
        return started().submit(it, ack);
    }

    void flush() {
        AsyncInteractions q = started;
        if (q != null) {
            q.flush();
        }
    }

    ReplayReport replayReport() {
        AsyncInteractions q = started;
        return q == null ? new ReplayReport(0, 0, List.of()) : q.replayReport();
    }

    /** Drains and closes the queue if it started; later calls, and queued interactions after it, are refused. */
    QueueDrain close(@Nullable Duration timeout) {
        AsyncInteractions q;
        synchronized (this) {
            if (closed) {
                return new QueueDrain(0, 0, Duration.ZERO);
            }
            closed = true;
            q = started;
        }
        return q == null ? new QueueDrain(0, 0, Duration.ZERO) : q.close(timeout != null ? timeout : q.closeTimeout());
    }

    private AsyncInteractions started() {
        AsyncInteractions q = started;
        if (q != null) {
            return q;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this SocialRepository is closed");
            }
            q = started;
            if (q == null) {
                q = factory.get();
                started = q;
            }
            return q;
        }
    }
}
