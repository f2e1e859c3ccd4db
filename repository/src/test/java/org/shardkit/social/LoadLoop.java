package org.shardkit.social;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The load of the outage tests: tasks that each repeat a round (one call, one read) on a thread of
 * their own until {@link #finish}, which waits for them and fails if any task died, an {@link Error}
 * included, rather than letting it vanish with its thread. {@link #close()} stops what still runs,
 * for when the test fails first. Not thread-safe: one test thread starts and finishes it.
 */
final class LoadLoop implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> tasks = new ArrayList<>();

    /** Creates a loop with room for {@code threads} tasks. */
    LoadLoop(int threads) {
        this.threads = Executors.newFixedThreadPool(threads);
    }

    /** Starts a task that runs {@code round}, then waits {@code pause}, until {@link #finish}. */
    void repeat(Runnable round, Duration pause) {
        tasks.add(threads.submit(() -> {
            while (running.get()) {
                round.run();
                pause(pause);
            }
            return null;
        }));
    }

    /**
     * Lets every task end after its current round and waits for them.
     *
     * @param bound the longest wait
     * @throws AssertionError if a task is still running after the bound, or a task died (its failure
     *     is the cause, the other tasks' failures are suppressed)
     */
    void finish(Duration bound) throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("load tasks still running " + bound + " after they were told to finish");
        }
        AssertionError died = null;
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                if (died == null) {
                    died = new AssertionError("a load task died: " + e.getCause(), e.getCause());
                } else {
                    died.addSuppressed(e.getCause());
                }
            }
        }
        if (died != null) {
            throw died;
        }
    }

    /** Stops the tasks still running, interrupting them; idempotent. */
    @Override
    public void close() {
        running.set(false);
        threads.shutdownNow();
    }

    /** Waits out real time (the outages last seconds of it while the load runs); zero or less returns at once. */
    static void pause(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
