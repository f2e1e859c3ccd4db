package org.shardkit.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One line of progress on standard output. On a terminal it is redrawn in place (a carriage return,
 * the text, blanks over what the last text left); elsewhere (a CI log, a file) it prints a new line
 * at most once per interval, so a log gets a readable trace rather than thousands of redraws.
 *
 * <p>Thread-safe: updates may come from several threads.
 */
final class ProgressLine {
    /** How often a non-terminal output gets a line: every 5 s. */
    static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTicker;
    private final long logIntervalNanos;
    private int lastWidth;
    private long lastPrinted;
    private boolean printedOnce;

    /**
     * Creates a progress line.
     *
     * @param out where to print
     * @param terminal whether {@code out} is a terminal (redraw in place) or a log (a line per interval)
     * @param nanoTicker the time, in nanoseconds
     * @param logInterval the least time between two lines on a log
     */
    ProgressLine(PrintStream out, boolean terminal, LongSupplier nanoTicker, Duration logInterval) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        if (logInterval.isNegative()) {
            throw new IllegalArgumentException("logInterval must not be negative, but was " + logInterval);
        }
        this.logIntervalNanos = logInterval.toNanos();
    }

    /** Tells whether standard output is a terminal (then progress is redrawn in place). */
    static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    /** Shows the text: redrawn at once on a terminal, printed on a log if an interval has passed. */
    synchronized void update(String text) {
        long now = nanoTicker.getAsLong();
        if (terminal) {
            redraw(text);
            out.flush();
        } else if (!printedOnce || now - lastPrinted >= logIntervalNanos) {
            out.println(text);
            out.flush();
            lastPrinted = now;
            printedOnce = true;
        }
    }

    /** Shows the final text of a task and ends the line; the next update starts a new one. */
    synchronized void finish(String text) {
        if (terminal) {
            redraw(text);
            out.println();
        } else {
            out.println(text);
        }
        out.flush();
        lastWidth = 0;
        printedOnce = false;
    }

    private void redraw(String text) {
        StringBuilder line = new StringBuilder(Math.max(text.length(), lastWidth) + 1)
                .append('\r')
                .append(text);
        for (int i = text.length(); i < lastWidth; i++) {
            line.append(' ');
        }
        out.print(line);
        lastWidth = text.length();
    }
}
