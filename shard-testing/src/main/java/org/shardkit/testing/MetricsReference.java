package org.shardkit.testing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a metrics reference page ({@code docs/metrics.md}) and a registry into the same form, so a
 * test can assert that a module registers exactly the meters its section documents: each meter's
 * name mapped to {@code "<type>: [<tag keys>]"}, e.g. {@code "timer: [operation, outcome]"}. A
 * documented row is a table row whose first cell is a meter name in backticks and whose second
 * is its type; tag keys are the backticked words of the third cell. Rows belong to the nearest
 * {@code ## } heading above them. Needs micrometer-core on the test class path.
 *
 * <pre>{@code
 * assertThat(MetricsReference.registered(registry, name -> name.startsWith("shardkit.social.")))
 *         .isEqualTo(MetricsReference.documented(Path.of("..", "docs", "metrics.md"), "repository"));
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class MetricsReference {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_.]+)`\\s*\\|\\s*([a-z ]+?)\\s*\\|([^|]*)\\|");
    private static final Pattern TAG = Pattern.compile("`([a-zA-Z0-9_.]+)`");

    private MetricsReference() {}

    /**
     * Returns the rows under the {@code ## } headings that start with one of the prefixes.
     *
     * @param page the reference page
     * @param sections heading prefixes, e.g. {@code shard-core}
     * @return name to "type: [tag keys]"
     * @throws IllegalStateException if a meter is documented twice, or no row was found
     * @throws UncheckedIOException if the page cannot be read
     */
    public static Map<String, String> documented(Path page, String... sections) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page, e);
        }
        Map<String, String> out = new TreeMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3);
                inSection = List.of(sections).stream().anyMatch(heading::startsWith);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!inSection || !row.find()) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            Matcher tag = TAG.matcher(row.group(3));
            while (tag.find()) {
                keys.add(tag.group(1));
            }
            if (out.put(row.group(1), row.group(2) + ": " + keys) != null) {
                throw new IllegalStateException(row.group(1) + " is documented twice in " + page);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no meter rows under the sections " + List.of(sections) + " of " + page);
        }
        return out;
    }

    /**
     * Returns the registry's meters whose names pass the filter, in the form of {@link #documented}.
     *
     * @param registry the registry
     * @param names which meter names to take
     * @return name to "type: [tag keys]"
     */
    public static Map<String, String> registered(MeterRegistry registry, Predicate<String> names) {
        Map<String, Set<String>> tags = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!names.test(id.getName())) {
                continue;
            }
            types.put(id.getName(), id.getType().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            Set<String> keys = tags.computeIfAbsent(id.getName(), n -> new TreeSet<>());
            id.getTags().forEach(t -> keys.add(t.getKey()));
        }
        Map<String, String> out = new TreeMap<>();
        types.forEach((name, type) -> out.put(name, type + ": " + tags.get(name)));
        return out;
    }
}
