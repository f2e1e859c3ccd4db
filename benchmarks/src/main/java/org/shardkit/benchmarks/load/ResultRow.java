package org.shardkit.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One row of {@code report.json}'s {@code results}: the figures of one operation of one system in
 * one workload phase, latencies in milliseconds, errors included in every percentile.
 *
 * @param system the system
 * @param workload the workload phase
 * @param operation the operation's report name
 * @param count requests measured, errors included
 * @param errors requests that failed
 * @param p50Ms median latency
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs the largest latency
 * @param throughputOps requests that ended inside the measured window, per second
 */
public record ResultRow(
        String system,
        String workload,
        String operation,
        long count,
        long errors,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double throughputOps) {

    /** The keys of a row in {@code report.json}, in order. */
    public static final String[] KEYS = {
        "system",
        "workload",
        "operation",
        "count",
        "errors",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "p999_ms",
        "max_ms",
        "throughput_ops"
    };

    private static final double NANOS_PER_MS = 1e6;

    /** Computes a row from a histogram of nanoseconds. */
    static ResultRow of(String system, String workload, OperationResult result, double measuredSeconds) {
        Histogram h = result.histogram();
        return new ResultRow(
                system,
                workload,
                result.operation().reportName(),
                h.getTotalCount(),
                result.errors(),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()),
                measuredSeconds > 0 ? result.completedInWindow() / measuredSeconds : 0);
    }

    /** Returns the row as {@code report.json} holds it, under {@link #KEYS}. */
    public Map<String, Object> asJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Object[] values = {
            system,
            workload,
            operation,
            count,
            errors,
            round(p50Ms),
            round(p95Ms),
            round(p99Ms),
            round(p999Ms),
            round(maxMs),
            round(throughputOps)
        };
        for (int i = 0; i < KEYS.length; i++) {
            m.put(KEYS[i], values[i]);
        }
        return m;
    }

    private static double ms(long nanos) {
        return nanos / NANOS_PER_MS;
    }

    /** Three decimals: microseconds for latencies, below HdrHistogram's 0.1% for anything over 1 ms. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
