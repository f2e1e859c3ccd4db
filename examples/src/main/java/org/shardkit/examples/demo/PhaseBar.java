package org.shardkit.examples.demo;

import java.time.Duration;
import java.util.Locale;

/**
 * The text of one phase's progress: a bar, the share done, the counts, the rate since the phase
 * started and the time left at that rate, e.g.
 *
 * <pre>
 * friendships   [############            ]  51%   1,020,331 / 2,000,000 rows   180,212 rows/s   5s left
 * </pre>
 *
 * <p>Stateless; thread-safe.
 */
final class PhaseBar {
    /** Width of the label column. */
    static final int LABEL_WIDTH = 13;

    private static final int BAR_WIDTH = 24;

    private PhaseBar() {}

    /**
     * Returns a phase's progress line.
     *
     * @param label the phase, e.g. {@code agents}
     * @param done units done so far
     * @param total units in all; 0 or less when unknown (no bar, no time left)
     * @param elapsed time since the phase started
     * @param unit the units' name, e.g. {@code rows}
     * @return the line, without a line break
     */
    static String line(String label, long done, long total, Duration elapsed, String unit) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder();
        s.append(pad(label, LABEL_WIDTH)).append(' ');
        if (total > 0) {
            s.append(bar(done, total)).append(' ');
            s.append(String.format(Locale.ROOT, "%3d%%", percent(done, total))).append("  ");
            s.append(String.format(Locale.ROOT, "%,d / %,d %s", done, total, unit));
        } else {
            s.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        s.append(String.format(Locale.ROOT, "   %,.0f %s/s", rate, unit));
        if (total > 0 && done >= total) {
            s.append("   done in ").append(seconds(elapsed));
        } else if (total > 0 && rate > 0) {
            long leftNanos = (long) ((total - done) / rate * 1e9);
            s.append("   ").append(seconds(Duration.ofNanos(leftNanos))).append(" left");
        }
        return s.toString();
    }

    /** Returns a bar of {@value #BAR_WIDTH} cells, {@code [####      ]}. */
    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, BAR_WIDTH * Math.max(0, done) / total);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Returns the whole percent done, 0 to 100. */
    static int percent(long done, long total) {
        return total <= 0 ? 0 : (int) Math.min(100, 100 * Math.max(0, done) / total);
    }

    /** Returns a duration as {@code 42s}, {@code 3m 05s} or {@code 1h 02m}. */
    static String seconds(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
