package org.shardkit.benchmarks.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations on the command line and in reports: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601. */
final class DurationText {
    private DurationText() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the text if it is not a duration
     */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            if (t.endsWith("h")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 30s, 5m, 1h or PT30S)", e);
        }
        throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 30s, 5m, 1h or PT30S)");
    }

    /** Formats a duration as the shortest of {@code ms}, {@code s}, {@code m} that is exact. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
