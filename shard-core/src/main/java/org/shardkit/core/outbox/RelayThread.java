package org.shardkit.core.outbox;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background relay: a daemon thread that runs a pass, runs the next one at once while passes
 * apply messages, and otherwise waits the poll interval or until a committed message wakes it.
 * Thread-safe.
 */
final class RelayThread {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Thread thread;
    private final IntSupplier pass;
    private final Wakeup wakeup;
    private final Duration pollInterval;
    private volatile boolean stopping;

    RelayThread(String name, IntSupplier pass, Wakeup wakeup, Duration pollInterval) {
        this.pass = pass;
        this.wakeup = wakeup;
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Returns whether the thread is running. */
    boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Stops the thread: it finishes the pair it is relaying and ends. If it is still running after
     * {@code timeout} (a handler that hangs), it is interrupted and given {@code timeout} more.
     *
     * @param timeout how long to wait, each time
     * @return whether the thread has ended
     */
    boolean stop(Duration timeout) {
        stopping = true;
        wakeup.signal();
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn(
                    "{} still running {} ms after close(); left to end by itself",
                    thread.getName(),
                    2 * timeout.toMillis());
            return false;
        }
        return true;
    }

    private void run() {
        while (!stopping) {
            long seen = wakeup.generation();
            int applied = 0;
            try {
                applied = pass.getAsInt();
            } catch (RuntimeException e) {
                // A pass that fails must not end the relay: the next one tries again.
                LOG.error("{}: relay pass failed", thread.getName(), e);
            }
            if (applied > 0 || stopping) {
                continue; // more may wait behind a full batch
            }
            try {
                wakeup.await(seen, pollInterval);
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
                // Not from stop(): a handler that restored its own interrupt; the relay goes on.
            }
        }
    }
}
