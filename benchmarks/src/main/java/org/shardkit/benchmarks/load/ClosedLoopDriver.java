package org.shardkit.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Callers that send requests back to back (a closed loop): the system sets the pace, so the
 * throughput is its saturation throughput at that many callers. Latency is timed from each
 * request's actual start; a closed loop cannot time a stalled request's would-be successors, so its
 * percentiles are the service time's, not a user's (the open loop gives those).
 *
 * <p>Two shapes: for a time ({@link #runFor}, with a warm-up) and for a number of requests
 * ({@link #runCount}, the seed's "100 concurrent callers x 1,000 requests").
 *
 * <p>Thread-safe: each run uses its own threads.
 */
final class ClosedLoopDriver {
    private static final double NANOS_PER_S = 1e9;

    private final LongSupplier nanoClock;
    private final Duration drainDeadline;

    /**
     * Creates a driver.
     *
     * @param nanoClock the monotonic clock requests are timed with ({@code System::nanoTime})
     * @param drainDeadline how long callers may take to finish their last request after the window
     */
    ClosedLoopDriver(LongSupplier nanoClock, Duration drainDeadline) {
        this.nanoClock = nanoClock;
        this.drainDeadline = drainDeadline;
    }

    /**
     * Runs {@code callers} callers for the warm-up, then the measured window.
     *
     * @param system the system under test
     * @param source the workload's requests
     * @param draws one set of random streams per caller
     * @param warmup time before the window, not recorded
     * @param duration the measured window
     * @param recorder where measured requests go
     * @return the window's length (no offered rate: a closed loop offers what it gets)
     */
    DriveOutcome runFor(
            LoadSystem system,
            RequestSource source,
            List<Draws> draws,
            Duration warmup,
            Duration duration,
            RunRecorder recorder)
            throws InterruptedException {
        long begin = nanoClock.getAsLong();
        long windowStart = begin + warmup.toNanos();
        long windowEnd = windowStart + duration.toNanos();
        ExecutorService pool = callers(draws.size());
        List<Future<?>> running = new ArrayList<>();
        for (Draws d : draws) {
            running.add(pool.submit(() -> {
                long start;
                while ((start = nanoClock.getAsLong()) < windowEnd
                        && !Thread.currentThread().isInterrupted()) {
                    Request request = source.next(d);
                    send(system, request, start, start >= windowStart, windowEnd, recorder);
                }
            }));
        }
        waitUntil(windowStart);
        recorder.start();
        waitUntil(windowEnd);
        finish(pool, running);
        recorder.finish();
        double seconds = duration.toNanos() / NANOS_PER_S;
        return new DriveOutcome(Double.NaN, seconds, 0);
    }

    /**
     * Runs {@code callers} callers until {@code total} requests are done, all measured.
     *
     * @param system the system under test
     * @param source the workload's requests
     * @param draws one set of random streams per caller
     * @param total the number of requests
     * @param recorder where the requests go
     * @return the time the requests took, as the window
     */
    DriveOutcome runCount(LoadSystem system, RequestSource source, List<Draws> draws, int total, RunRecorder recorder)
            throws InterruptedException {
        AtomicInteger tickets = new AtomicInteger(total);
        ExecutorService pool = callers(draws.size());
        recorder.start();
        long begin = nanoClock.getAsLong();
        List<Future<?>> running = new ArrayList<>();
        for (Draws d : draws) {
            running.add(pool.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && tickets.getAndDecrement() > 0) {
                    Request request = source.next(d);
                    send(system, request, nanoClock.getAsLong(), true, Long.MAX_VALUE, recorder);
                }
            }));
        }
        finish(pool, running);
        long end = nanoClock.getAsLong();
        // Requests never sent before the drain deadline are errors, never dropped: each waited the
        // whole phase for its turn.
        long lost = Math.max(0, tickets.get());
        if (lost > 0) {
            // a counted phase runs one operation
            OperationStats stats = recorder.all().iterator().next();
            for (long i = 0; i < lost; i++) {
                stats.record(end - begin, true, false);
            }
            stats.noteFailure(new IllegalStateException(
                    lost + " requests not sent within the drain deadline of " + drainDeadline));
        }
        recorder.finish();
        return new DriveOutcome(Double.NaN, Math.max(1, end - begin) / NANOS_PER_S, lost);
    }

    private void send(
            LoadSystem system, Request request, long start, boolean measured, long windowEnd, RunRecorder recorder) {
        Throwable failure = null;
        try {
            request.action().run(system);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (Exception e) {
            failure = e;
        }
        long done = nanoClock.getAsLong();
        if (measured) {
            OperationStats stats = recorder.stats(request.operation());
            stats.record(done - start, failure != null, done <= windowEnd);
            if (failure != null) {
                stats.noteFailure(failure);
            }
        }
    }

    private void finish(ExecutorService pool, List<Future<?>> running) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(drainDeadline.toNanos(), TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            pool.awaitTermination(drainDeadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        for (Future<?> f : running) {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a load caller died: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private static ExecutorService callers(int count) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "load-caller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private void waitUntil(long deadline) {
        long left;
        while ((left = deadline - nanoClock.getAsLong()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
