package org.shardkit.benchmarks.load;

import java.util.List;

/**
 * One system's figures over one phase of a workload.
 *
 * @param system the system's report name
 * @param phase the phase, the report's {@code workload}: {@code seed_suite}, {@code seed} or {@code linkbench}
 * @param openLoop whether the phase ran open loop
 * @param outcome the driver's offered rate and window
 * @param operations the figures per operation
 * @param timeline throughput and p99 per second of the window
 */
record PhaseResult(
        String system,
        String phase,
        boolean openLoop,
        DriveOutcome outcome,
        List<OperationResult> operations,
        List<SecondSample> timeline) {

    /** Returns the requests that ended inside the window, per second: the achieved rate. */
    double achievedRate() {
        long done = operations.stream()
                .mapToLong(OperationResult::completedInWindow)
                .sum();
        return done / outcome.measuredSeconds();
    }

    /** Returns the phase's rows of {@code report.json}, one per operation that ran. */
    List<ResultRow> rows() {
        return operations.stream()
                .filter(o -> o.histogram().getTotalCount() > 0)
                .map(o -> ResultRow.of(system, phase, o, outcome.measuredSeconds()))
                .toList();
    }
}
