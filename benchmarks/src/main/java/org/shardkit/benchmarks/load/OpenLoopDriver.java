package org.shardkit.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Offers requests at a fixed mean rate whatever the system does (an open loop), and times each
 * from its <em>intended</em> start, so a system that stalls shows the stall in the latency of every
 * request that was due meanwhile: no coordinated omission.
 *
 * <p>The requests come from {@code users} simulated agents, each waiting an exponentially
 * distributed think time of mean {@code users / rate} between two requests, independent of when
 * its last request ended. Superposed, such users are one Poisson stream of rate {@code rate} whose
 * every arrival belongs to a user chosen uniformly, which is how the scheduler draws them: gaps
 * exponential with mean {@code 1 / rate}.
 *
 * <p>A single scheduler thread hands requests to a bounded pool of workers. If all workers and the
 * queue are busy ({@link #MAX_PENDING}), the scheduler waits, then sends the requests that fell
 * due at once, each still timed from its intended start. If it is still waiting when the window
 * ends, the system is that far behind for good: the requests that fell due in the window and were
 * never sent are recorded as errors, with the wait they had reached, and nothing more is sent, so
 * an overloaded system ends its run on time instead of working off the whole window's requests.
 * When the window ends, requests already sent may finish until the drain deadline; those that do
 * not are recorded as errors, with the latency they had reached. Both count as {@link
 * DriveOutcome#lost() lost}.
 *
 * <p>Not thread-safe: one run at a time.
 */
final class OpenLoopDriver {
    /** Most requests sent but not finished (queued or running) before the scheduler waits. */
    static final int MAX_PENDING = 100_000;

    private static final double NANOS_PER_S = 1e9;

    private final LongSupplier nanoClock;
    private final Duration drainDeadline;
    private final int maxPending;

    /**
     * Creates a driver.
     *
     * @param nanoClock the monotonic clock requests are timed with ({@code System::nanoTime})
     * @param drainDeadline how long requests sent in the window may take to finish after it
     */
    OpenLoopDriver(LongSupplier nanoClock, Duration drainDeadline) {
        this(nanoClock, drainDeadline, MAX_PENDING);
    }

    /** Creates a driver that sends at most {@code maxPending} requests ahead of the system (tests). */
    OpenLoopDriver(LongSupplier nanoClock, Duration drainDeadline, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive, but was " + maxPending);
        }
        this.nanoClock = nanoClock;
        this.drainDeadline = drainDeadline;
        this.maxPending = maxPending;
    }

    /**
     * Runs the warm-up, then the measured window.
     *
     * @param system the system under test
     * @param source the workload's requests
     * @param draws the scheduler's random streams
     * @param rate offered requests per second, positive
     * @param workers worker threads
     * @param warmup time before the window, not recorded
     * @param duration the measured window
     * @param recorder where measured requests go; started at the window's start
     * @return the offered rate and the window's length
     */
    DriveOutcome run(
            LoadSystem system,
            RequestSource source,
            Draws draws,
            double rate,
            int workers,
            Duration warmup,
            Duration duration,
            RunRecorder recorder)
            throws InterruptedException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive, but was " + rate);
        }
        AtomicInteger threadCount = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "load-open-" + threadCount.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Semaphore pending = new Semaphore(maxPending);
        double meanGapNanos = NANOS_PER_S / rate;
        long begin = nanoClock.getAsLong();
        long windowStart = begin + warmup.toNanos();
        long windowEnd = windowStart + duration.toNanos();
        boolean started = false;
        long offered = 0;
        double intended = begin + gap(draws, meanGapNanos);
        long unsent = 0;
        try {
            while (intended < windowEnd) {
                long due = (long) intended;
                waitUntil(due);
                if (!started && nanoClock.getAsLong() >= windowStart) {
                    recorder.start();
                    started = true;
                }
                boolean measured = due >= windowStart;
                if (measured) {
                    offered++;
                }
                Request request = source.next(draws);
                if (!pending.tryAcquire(Math.max(0, windowEnd - nanoClock.getAsLong()), TimeUnit.NANOSECONDS)) {
                    if (!started) {
                        recorder.start();
                        started = true;
                    }
                    unsent = giveUpTheRest(request, due, windowStart, windowEnd, source, draws, meanGapNanos, recorder);
                    offered += unsent - (measured ? 1 : 0);
                    break;
                }
                pool.execute(new Sent(system, request, due, measured, windowEnd, recorder, pending));
                intended += gap(draws, meanGapNanos);
            }
            if (!started) {
                waitUntil(windowStart);
                recorder.start();
            }
            waitUntil(windowEnd);
        } finally {
            pool.shutdown();
        }
        long lost = unsent;
        if (!pool.awaitTermination(drainDeadline.toNanos(), TimeUnit.NANOSECONDS)) {
            List<Runnable> neverRan = pool.shutdownNow();
            long now = nanoClock.getAsLong();
            for (Runnable r : neverRan) {
                Sent s = (Sent) r;
                s.giveUp(now);
                lost++;
            }
            // Requests still running were interrupted; each records itself as an error when it returns.
            pool.awaitTermination(drainDeadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        recorder.finish();
        return new DriveOutcome(offered / (duration.toNanos() / NANOS_PER_S), duration.toNanos() / NANOS_PER_S, lost);
    }

    /**
     * Records the request the scheduler could not send before the window ended, and every later one
     * due in the window (drawn as they would have been), as errors with the wait each had reached.
     *
     * @return how many of them were due inside the measured window
     */
    private long giveUpTheRest(
            Request first,
            long firstDue,
            long windowStart,
            long windowEnd,
            RequestSource source,
            Draws draws,
            double meanGapNanos,
            RunRecorder recorder) {
        long now = nanoClock.getAsLong();
        long count = 0;
        Request request = first;
        double due = firstDue;
        while (true) {
            if ((long) due >= windowStart) {
                OperationStats stats = recorder.stats(request.operation());
                stats.record(Math.max(0, now - (long) due), true, false);
                stats.noteFailure(new IllegalStateException(
                        "never sent: the system was still " + maxPending + " requests behind when the window ended"));
                count++;
            }
            due += gap(draws, meanGapNanos);
            if (due >= windowEnd) {
                return count;
            }
            request = source.next(draws);
        }
    }

    private static double gap(Draws draws, double meanGapNanos) {
        return -Math.log(1 - draws.common().nextDouble()) * meanGapNanos;
    }

    private void waitUntil(long deadline) {
        long left;
        while ((left = deadline - nanoClock.getAsLong()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** A request handed to the pool, timed from its intended start. */
    private final class Sent implements Runnable {
        private final LoadSystem system;
        private final Request request;
        private final long intended;
        private final boolean measured;
        private final long windowEnd;
        private final RunRecorder recorder;
        private final Semaphore pending;

        Sent(
                LoadSystem system,
                Request request,
                long intended,
                boolean measured,
                long windowEnd,
                RunRecorder recorder,
                Semaphore pending) {
            this.system = system;
            this.request = request;
            this.intended = intended;
            this.measured = measured;
            this.windowEnd = windowEnd;
            this.recorder = recorder;
            this.pending = pending;
        }

        @Override
        public void run() {
            Throwable failure = null;
            try {
                request.action().run(system);
            } catch (Exception e) {
                failure = e;
            } finally {
                pending.release();
            }
            long done = nanoClock.getAsLong();
            if (measured) {
                OperationStats stats = recorder.stats(request.operation());
                stats.record(done - intended, failure != null, done <= windowEnd);
                if (failure != null) {
                    stats.noteFailure(failure);
                }
            }
        }

        /** Records the request as failed, never run, with the latency it had reached. */
        void giveUp(long now) {
            pending.release();
            if (measured) {
                OperationStats stats = recorder.stats(request.operation());
                stats.record(now - intended, true, false);
                stats.noteFailure(new IllegalStateException("not run within the drain deadline of " + drainDeadline));
            }
        }
    }
}
