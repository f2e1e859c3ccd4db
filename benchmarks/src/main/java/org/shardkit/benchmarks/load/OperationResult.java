package org.shardkit.benchmarks.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measured figures of one operation of one system in one phase.
 *
 * @param operation the operation
 * @param histogram every measured latency in nanoseconds, errors included
 * @param errors how many of them failed
 * @param completedInWindow how many ended inside the measured window
 * @param errorSamples the first distinct failure messages
 */
record OperationResult(
        Operation operation, Histogram histogram, long errors, long completedInWindow, List<String> errorSamples) {

    /** Takes the figures out of a drained {@link OperationStats}. */
    static OperationResult of(OperationStats stats) {
        return new OperationResult(
                stats.operation(), stats.total(), stats.errors(), stats.completedInWindow(), stats.errorSamples());
    }
}
