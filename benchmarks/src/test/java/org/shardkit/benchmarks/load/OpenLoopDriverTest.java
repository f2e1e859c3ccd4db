package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open loop's contract: requests are timed from their intended start, so a stall shows in the
 * latency of every request that fell due during it. Runs in real time (the driver paces itself on
 * the clock); its assertions count requests, never bound how fast anything is.
 */
class OpenLoopDriverTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /**
     * One worker, 200 requests/s for 1 s, and the first request stalls 400 ms: about 80 requests
     * fall due behind it. Timed from their actual start they would all look instant; timed from
     * their intended start, those queued for more than 100 ms number about 60.
     */
    @Test
    void stall_showsInTheLatencyOfTheRequestsDueDuringIt() throws Exception {
        ScriptedSystem system = new ScriptedSystem(true, 400, false);
        Histogram h = run(system, 200, 1);

        long over100ms = h.getTotalCount() - h.getCountBetweenValues(0, 100 * MS);
        assertThat(h.getMaxValue()).isGreaterThanOrEqualTo(400 * MS);
        assertThat(over100ms)
                .as("requests that waited behind the stall more than 100 ms, of %d", h.getTotalCount())
                .isGreaterThanOrEqualTo(20);
    }

    /** Every request intended in the window is recorded, errors included: none is dropped. */
    @Test
    void everyOfferedRequest_isRecorded() throws Exception {
        ScriptedSystem system = new ScriptedSystem(false, 0, false);
        OpenLoopDriver driver = new OpenLoopDriver(System::nanoTime, Duration.ofSeconds(10));
        try (RunRecorder recorder =
                new RunRecorder("scripted", "t", List.of(Operation.FEED), dir.resolve("b.hlog"), System::nanoTime)) {
            DriveOutcome outcome = driver.run(
                    system,
                    feeds(),
                    Draws.of(1, 0, 0),
                    300,
                    2,
                    Duration.ofMillis(200),
                    Duration.ofMillis(500),
                    recorder);

            long recorded = recorder.stats(Operation.FEED).total().getTotalCount();
            assertThat(recorded).isEqualTo(Math.round(outcome.offeredRate() * outcome.measuredSeconds()));
            // the warm-up's requests ran but are in no figure
            assertThat(system.feeds()).isGreaterThan((int) recorded);
        }
    }

    /**
     * A system that stops answering: the scheduler may get only {@code maxPending} requests ahead of
     * it, and when the window ends it gives up the rest instead of working them off after it. Every
     * request due in the window is still recorded, as an error; only the first ever reached the system.
     */
    @Test
    void aSystemTooFarBehindAtTheWindowsEnd_getsTheRestRecordedAsNeverSent() throws Exception {
        ScriptedSystem system = new ScriptedSystem(true, 60_000, false);
        OpenLoopDriver driver = new OpenLoopDriver(System::nanoTime, Duration.ofMillis(100), 3);
        try (RunRecorder recorder =
                new RunRecorder("scripted", "t", List.of(Operation.FEED), dir.resolve("c.hlog"), System::nanoTime)) {
            DriveOutcome outcome = driver.run(
                    system, feeds(), Draws.of(1, 0, 0), 200, 1, Duration.ZERO, Duration.ofSeconds(1), recorder);

            OperationStats stats = recorder.stats(Operation.FEED);
            long recorded = stats.total().getTotalCount();
            assertThat(recorded).isEqualTo(Math.round(outcome.offeredRate() * outcome.measuredSeconds()));
            assertThat(recorded).as("about 200 due in 1 s").isGreaterThan(100);
            assertThat(stats.errors()).isEqualTo(recorded);
            assertThat(system.feeds())
                    .as("only the stalled first request reached the system")
                    .isEqualTo(1);
            // all but the stalled one (interrupted at the drain deadline) were never run
            assertThat(outcome.lost()).isEqualTo(recorded - 1);
        } finally {
            system.releaseStall();
        }
    }

    private Histogram run(ScriptedSystem system, double rate, int workers) throws Exception {
        OpenLoopDriver driver = new OpenLoopDriver(System::nanoTime, Duration.ofSeconds(10));
        try (RunRecorder recorder =
                new RunRecorder("scripted", "t", List.of(Operation.FEED), dir.resolve("a.hlog"), System::nanoTime)) {
            driver.run(
                    system, feeds(), Draws.of(1, 0, 0), rate, workers, Duration.ZERO, Duration.ofSeconds(1), recorder);
            return recorder.stats(Operation.FEED).total();
        }
    }

    private static RequestSource feeds() {
        return draws -> new Request(Operation.FEED, s -> s.feed(1, 20));
    }
}
