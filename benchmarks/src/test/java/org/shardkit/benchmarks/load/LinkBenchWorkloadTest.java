package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkBenchWorkloadTest {

    @Test
    void mix_matchesLinkBenchsShares() {
        LinkBenchWorkload w = new LinkBenchWorkload(new RingGraph(1000), new NewAgents("t", 0, 8), new RunLedger());
        Draws draws = Draws.of(1, 0, 0);
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts.merge(w.next(draws).operation(), 1, Integer::sum);
        }
        assertThat(LinkBenchWorkload.MIX.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(100.0, within(1e-9));
        LinkBenchWorkload.MIX.forEach((op, percent) -> assertThat(100.0 * counts.getOrDefault(op, 0) / n)
                .as(op.reportName())
                .isCloseTo(percent, within(0.5)));
    }

    @Test
    void sameSeed_sameOperationsForEverySystem() {
        assertThat(operations(0)).isEqualTo(operations(3));
    }

    private static List<Operation> operations(int systemIndex) {
        LinkBenchWorkload w =
                new LinkBenchWorkload(new RingGraph(500), new NewAgents("t", systemIndex, 8), new RunLedger());
        Draws draws = Draws.of(9, systemIndex, 0);
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ops.add(w.next(draws).operation());
        }
        return ops;
    }
}
