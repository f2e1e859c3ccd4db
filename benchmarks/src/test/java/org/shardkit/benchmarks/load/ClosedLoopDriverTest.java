package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedLoopDriverTest {
    @TempDir
    Path dir;

    /** The seed's "100 callers x 1,000 requests": exactly 1,000 recorded, failures counted among them. */
    @Test
    void runCount_recordsExactlyTheRequests_errorsIncluded() throws Exception {
        ScriptedSystem failing = new ScriptedSystem(false, 0, true);
        RequestSource creations = draws -> new Request(Operation.CREATE_AGENT, s -> s.createAgent(null));
        try (RunRecorder recorder = new RunRecorder(
                "scripted", "suite", List.of(Operation.CREATE_AGENT), dir.resolve("c.hlog"), System::nanoTime)) {
            new ClosedLoopDriver(System::nanoTime, Duration.ofSeconds(10))
                    .runCount(failing, creations, draws(100), 1000, recorder);

            OperationStats stats = recorder.stats(Operation.CREATE_AGENT);
            assertThat(stats.total().getTotalCount()).isEqualTo(1000);
            assertThat(stats.errors()).isEqualTo(1000);
            assertThat(stats.errorSamples()).containsExactly("IllegalStateException: scripted write failure");
        }
    }

    /**
     * Requests that start during the warm-up are in no figure. (A second of warm-up: on a busy
     * machine the callers may not run at all in the first 200 ms, and then nothing is excluded.)
     */
    @Test
    void runFor_excludesTheWarmup() throws Exception {
        ScriptedSystem system = new ScriptedSystem(false, 0, false);
        RequestSource feeds = draws -> new Request(Operation.FEED, s -> s.feed(1, 20));
        try (RunRecorder recorder =
                new RunRecorder("scripted", "t", List.of(Operation.FEED), dir.resolve("d.hlog"), System::nanoTime)) {
            new ClosedLoopDriver(System::nanoTime, Duration.ofSeconds(10))
                    .runFor(system, feeds, draws(2), Duration.ofSeconds(1), Duration.ofMillis(300), recorder);

            long recorded = recorder.stats(Operation.FEED).total().getTotalCount();
            assertThat(recorded).isPositive().isLessThan(system.feeds());
            assertThat(recorder.stats(Operation.FEED).completedInWindow()).isLessThanOrEqualTo(recorded);
        }
    }

    private static List<Draws> draws(int callers) {
        List<Draws> draws = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            draws.add(Draws.of(1, 0, i));
        }
        return draws;
    }
}
