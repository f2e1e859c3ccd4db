package org.shardkit.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The latencies and errors of one operation: an HdrHistogram of every call's time (from the call's
 * intended start to its end, failures included, in nanoseconds, three significant digits) and a
 * count of the failures with the first few distinct messages, so an error is never hidden behind a
 * percentile.
 *
 * <p>Thread-safe: calls are recorded from every worker.
 */
final class OperationStats {
    /** How many distinct error messages are kept per operation. */
    static final int ERROR_SAMPLES = 3;

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Operation operation;
    private final ConcurrentHistogram latencies = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<String> samples = new ArrayList<>();

    OperationStats(Operation operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /** Returns the operation. */
    Operation operation() {
        return operation;
    }

    /**
     * Records one call.
     *
     * @param nanos its time from its intended start to its end
     * @param failure what it threw, or null if it succeeded
     */
    void record(long nanos, @Nullable Throwable failure) {
        latencies.recordValue(Math.max(1, nanos));
        calls.increment();
        if (failure != null) {
            errors.increment();
            String message = describe(failure);
            synchronized (samples) {
                if (samples.size() < ERROR_SAMPLES && !samples.contains(message)) {
                    samples.add(message);
                }
            }
        }
    }

    /** Returns the calls recorded so far (for live progress). */
    long calls() {
        return calls.sum();
    }

    /** Returns the failed calls recorded so far. */
    long errors() {
        return errors.sum();
    }

    /** Returns a copy of what was recorded, for the table. */
    Summary summary() {
        Histogram h = latencies.copy();
        List<String> kept;
        synchronized (samples) {
            kept = List.copyOf(samples);
        }
        return new Summary(
                operation,
                h.getTotalCount(),
                errors.sum(),
                millis(h, 50),
                millis(h, 95),
                millis(h, 99),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1e6,
                kept);
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
    }

    /** Returns the failure's root cause as {@code SimpleName: message}. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /**
     * One operation's figures.
     *
     * @param operation the operation
     * @param count calls, failed ones included
     * @param errors failed calls
     * @param p50 median time, ms
     * @param p95 95th percentile, ms
     * @param p99 99th percentile, ms
     * @param max longest call, ms
     * @param errorSamples the first distinct failure messages
     */
    record Summary(
            Operation operation,
            long count,
            long errors,
            double p50,
            double p95,
            double p99,
            double max,
            List<String> errorSamples) {
        Summary {
            Objects.requireNonNull(operation, "operation");
            errorSamples = List.copyOf(errorSamples);
        }
    }
}
