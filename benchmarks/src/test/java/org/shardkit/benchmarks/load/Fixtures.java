package org.shardkit.benchmarks.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/** Phase results made of known latencies, for the report and plot tests. */
final class Fixtures {
    private Fixtures() {}

    /** Two systems over the seed workload's mixed phase (feed and create_agent) and one suite phase. */
    static List<PhaseResult> phases() {
        return List.of(
                phase("shardkit", "seed", 1, true),
                phase("naive", "seed", 10, true),
                phase("shardkit", WorkloadRunner.SUITE_PHASE, 2, false));
    }

    private static PhaseResult phase(String system, String phase, int scale, boolean timed) {
        OperationResult feed = result(Operation.FEED, scale, 0);
        OperationResult create = result(Operation.CREATE_AGENT, scale * 3, 2);
        List<SecondSample> timeline =
                timed ? List.of(new SecondSample(1, 100, scale), new SecondSample(2, 120, scale * 1.5)) : List.of();
        return new PhaseResult(
                system,
                phase,
                timed,
                new DriveOutcome(timed ? 200 : Double.NaN, 2, 0),
                List.of(feed, create),
                timeline);
    }

    private static OperationResult result(Operation op, int scale, long errors) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue((long) i * 1000 * scale);
        }
        return new OperationResult(op, h, errors, 1000, errors > 0 ? List.of("IllegalStateException: x") : List.of());
    }
}
