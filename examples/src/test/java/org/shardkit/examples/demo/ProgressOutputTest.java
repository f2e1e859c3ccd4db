package org.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress text: the bar's arithmetic, redraws on a terminal, one line per interval on a log. */
class ProgressOutputTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void line_halfDone_showsRateAndTimeLeft() {
        String line = PhaseBar.line("agents", 50_000, 100_000, Duration.ofSeconds(5), "rows");

        assertThat(line)
                .startsWith("agents        [############            ]  50%")
                .contains("50,000 / 100,000 rows")
                .contains("10,000 rows/s")
                .endsWith("5s left");
    }

    @Test
    void line_done_showsTheTimeTaken() {
        assertThat(PhaseBar.line("communities", 10, 10, Duration.ofMillis(1500), "rows"))
                .contains("100%")
                .endsWith("done in 2s");
    }

    @Test
    void seconds_longDurations_minutesAndHours() {
        assertThat(PhaseBar.seconds(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(PhaseBar.seconds(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }

    @Test
    void terminal_redrawsInPlace_andBlanksTheRest() {
        ProgressLine line = new ProgressLine(out, true, nanos::get, Duration.ofSeconds(5));

        line.update("abcdef");
        line.update("xyz");
        line.finish("done");

        assertThat(text()).isEqualTo("\rabcdef\rxyz   \rdone" + System.lineSeparator());
    }

    @Test
    void log_printsTheFirstUpdate_thenOncePerInterval_andTheFinish() {
        ProgressLine line = new ProgressLine(out, false, nanos::get, Duration.ofSeconds(5));

        line.update("first");
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        line.update("skipped");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        line.update("second");
        line.finish("done");

        String n = System.lineSeparator();
        assertThat(text()).isEqualTo("first" + n + "second" + n + "done" + n);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
