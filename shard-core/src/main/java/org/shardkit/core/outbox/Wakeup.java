package org.shardkit.core.outbox;

import java.time.Duration;

/**
 * A signal that ends the waits of every thread waiting for it: a committed message wakes the relay
 * thread and {@link Outbox#awaitDrained} before their poll interval is over. Signals are counted,
 * so one given while the waiter was still relaying (after it read {@link #generation()}) is not
 * lost. Thread-safe.
 */
final class Wakeup {
    private long generation;

    /** Wakes every thread now waiting, and makes the next wait of those that read an older generation return at once. */
    synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** Returns the number of signals so far: read it before relaying, pass it to {@link #await}. */
    synchronized long generation() {
        return generation;
    }

    /**
     * Waits unless a signal came since {@code seen}, until one comes or about the time passes. A
     * spurious wake-up ends the wait early, which costs at most one early relay pass, so the wait
     * reads no clock.
     *
     * @param seen the {@link #generation()} read before the last pass
     * @param longest the longest wait, positive
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    synchronized void await(long seen, Duration longest) throws InterruptedException {
        if (generation == seen) {
            wait(Math.max(1, longest.toMillis()));
        }
    }
}
