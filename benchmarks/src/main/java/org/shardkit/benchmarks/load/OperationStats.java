package org.shardkit.benchmarks.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measured latencies of one operation of one system in one run: an HdrHistogram
 * {@link Recorder} that callers record into without locks, and the total that {@link #drain()}
 * folds each interval into. Errors are recorded like successes (their latency is in the
 * percentiles) and counted apart.
 *
 * <p>Values are nanoseconds, three significant digits. Thread-safe: any thread records; one thread
 * at a time drains.
 */
final class OperationStats {
    /** Three significant digits: a value is known within 0.1%. */
    static final int SIGNIFICANT_DIGITS = 3;

    private static final int MAX_ERROR_SAMPLES = 3;

    private final Operation operation;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong completedInWindow = new AtomicLong();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    private Histogram recycled;

    OperationStats(Operation operation) {
        this.operation = operation;
        this.recycled = recorder.getIntervalHistogram();
    }

    /** Returns the operation. */
    Operation operation() {
        return operation;
    }

    /**
     * Records one request.
     *
     * @param latencyNanos from the request's intended start to its end
     * @param failed whether it failed
     * @param inWindow whether it ended inside the measured window (counts toward throughput)
     */
    void record(long latencyNanos, boolean failed, boolean inWindow) {
        recorder.recordValue(Math.max(0, latencyNanos));
        if (failed) {
            errors.incrementAndGet();
        }
        if (inWindow) {
            completedInWindow.incrementAndGet();
        }
    }

    /**
     * Keeps the first few distinct failure messages, for the report's notes.
     *
     * @param failure what the system threw
     */
    void noteFailure(Throwable failure) {
        if (errorSamples.size() >= MAX_ERROR_SAMPLES) {
            return;
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        synchronized (errorSamples) {
            if (errorSamples.size() < MAX_ERROR_SAMPLES && !errorSamples.contains(text)) {
                errorSamples.add(text);
            }
        }
    }

    /** Returns the first distinct failure messages seen (at most three). */
    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    /**
     * Takes what was recorded since the last call and adds it to the total.
     *
     * @return the interval's histogram, tagged with the operation's report name; valid until the next call
     */
    synchronized Histogram drain() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        recycled = interval;
        interval.setTag(operation.reportName());
        total.add(interval);
        return interval;
    }

    /** Returns a copy of everything drained so far. */
    synchronized Histogram total() {
        return total.copy();
    }

    /** Returns the failed requests recorded so far. */
    long errors() {
        return errors.get();
    }

    /** Returns the requests that ended inside the measured window. */
    long completedInWindow() {
        return completedInWindow.get();
    }
}
