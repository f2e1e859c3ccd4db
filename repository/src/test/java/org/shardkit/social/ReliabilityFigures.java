package org.shardkit.social;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The figures one reliability case measured, reported as one line {@code RELIABILITY case=N key=value
 * ...} on standard output and in {@code target/reliability/case-N.txt}, so that the documentation can
 * quote what a run really measured. Not thread-safe: the test fills it after its load has stopped.
 */
final class ReliabilityFigures {
    /** Where the lines go, under the module's directory (the test's working directory). */
    static final Path DIRECTORY = Path.of("target", "reliability");

    private final int caseNumber;
    private final String file;
    private final Map<String, String> figures = new LinkedHashMap<>();

    private ReliabilityFigures(int caseNumber, String file) {
        this.caseNumber = caseNumber;
        this.file = file;
    }

    /** Starts the figures of the case {@code caseNumber}. */
    static ReliabilityFigures of(int caseNumber) {
        return new ReliabilityFigures(caseNumber, "case-" + caseNumber + ".txt");
    }

    /**
     * Starts the figures of one part of a case that two tests measure, written to {@code
     * case-N-part.txt} so that neither overwrites the other; the line carries {@code part=...}.
     */
    static ReliabilityFigures of(int caseNumber, String part) {
        ReliabilityFigures figures = new ReliabilityFigures(caseNumber, "case-" + caseNumber + "-" + part + ".txt");
        return figures.put("part", part);
    }

    /** Adds a figure; a key given twice keeps the last value. */
    ReliabilityFigures put(String key, Object value) {
        if (!key.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("key must be one word of letters and digits, but was '" + key + "'");
        }
        figures.put(key, String.valueOf(value).replace(' ', '_'));
        return this;
    }

    /** Returns the line. */
    String line() {
        StringBuilder b = new StringBuilder("RELIABILITY case=").append(caseNumber);
        figures.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** Prints the line and writes it to {@code target/reliability/case-N.txt} (or {@code case-N-part.txt}). */
    void report() {
        String line = line();
        System.out.println(line);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(file), line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures of case " + caseNumber, e);
        }
    }

    /** Returns nanoseconds as milliseconds with one decimal, e.g. {@code 12.3}. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / (double) TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Returns the {@code p}-th percentile (0..100, nearest rank) of durations in nanoseconds; 0 for none. */
    static long percentile(Collection<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
