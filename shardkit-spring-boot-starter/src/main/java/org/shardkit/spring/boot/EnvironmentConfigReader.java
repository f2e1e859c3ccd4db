package org.shardkit.spring.boot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.ConfigProblem;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.config.ShardkitConfig;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads the shardkit keys of a Spring environment with shard-core's own YAML reader: the raw
 * (unresolved) values under {@code shardkit.} are written back as YAML and handed to {@link
 * ShardkitConfig#fromYaml(String, Map)}, so the keys, the rules and the messages are those of a
 * shardkit YAML file. {@code ${VAR}} references are left for that reader, which resolves them
 * against the Spring environment (system properties, OS environment, other properties); so a
 * password must still be {@code ${VAR}}, never a literal. Problems come back as one {@link
 * ConfigurationException} whose paths are the Spring names ({@code shardkit.pool.maximumSize}) and
 * whose messages end with where each value was written.
 *
 * <p>Precedence follows Spring's: for each key the highest-precedence property source that has it
 * wins, and a list (such as {@code shards}) comes whole from the highest-precedence source that has
 * any element of it. Keys are read exactly as written (camelCase, as in shardkit's YAML; no relaxed
 * binding), so they come from sources that keep names: configuration files, system properties,
 * command-line arguments; OS environment variables such as {@code SHARDKIT_POOL_MAXIMUMSIZE} are not
 * read as keys (use {@code ${VAR}} in a value instead).
 *
 * <p>Stateless and thread-safe.
 */
final class EnvironmentConfigReader {
    /** The starter's own keys (bound to {@link ShardkitProperties}), never passed to the reader. */
    static final Set<String> STARTER_KEYS = Set.of("enabled", "config", "migrate", "social");

    /** How a {@link ConfigurationException} of the starter names where the configuration came from. */
    static final String SOURCE = "Spring properties " + ShardkitProperties.PREFIX + ".*";

    private static final String PREFIX = ShardkitProperties.PREFIX + ".";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    private EnvironmentConfigReader() {}

    /** A raw value and where it was written. */
    record Raw(String name, String value, @Nullable Origin origin) {
        String where() {
            return origin == null ? "property " + name : String.valueOf(origin);
        }
    }

    /**
     * Returns the shardkit keys of the environment, highest precedence first, without the starter's
     * own keys; empty when there are none.
     */
    static List<Raw> shardkitKeys(ConfigurableEnvironment environment) {
        Map<String, Raw> chosen = new LinkedHashMap<>();
        Map<String, String> listOwners = new HashMap<>(); // list root -> property source that owns it
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (!name.startsWith(PREFIX) || STARTER_KEYS.contains(firstSegment(name)) || chosen.containsKey(name)) {
                    continue;
                }
                String listRoot = listRoot(name);
                if (listRoot != null
                        && !listOwners
                                .computeIfAbsent(listRoot, r -> source.getName())
                                .equals(source.getName())) {
                    continue; // the list comes whole from a source of higher precedence
                }
                Object value = source.getProperty(name);
                if (value instanceof OriginTrackedValue tracked) {
                    value = tracked.getValue();
                }
                Origin origin = source instanceof OriginLookup<?> ? originOf(source, name) : null;
                chosen.put(name, new Raw(name, value == null ? "" : String.valueOf(value), origin));
            }
        }
        return List.copyOf(chosen.values());
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Origin originOf(PropertySource<?> source, String name) {
        return ((OriginLookup<String>) source).getOrigin(name);
    }

    /**
     * Reads the configuration from the keys {@link #shardkitKeys} returned.
     *
     * @param keys the keys, not empty
     * @param environment resolves the {@code ${VAR}} references in the values
     * @throws ConfigurationException with every problem, at its Spring name and origin
     */
    static ShardkitConfig read(List<Raw> keys, ConfigurableEnvironment environment) {
        Rendered yaml = render(keys);
        Map<String, String> variables = new HashMap<>();
        for (Raw raw : keys) {
            Matcher m = VARIABLE.matcher(raw.value());
            while (m.find()) {
                String value = environment.getProperty(m.group(1));
                if (value != null) {
                    variables.put(m.group(1), value);
                }
            }
        }
        try {
            return ShardkitConfig.fromYaml(yaml.text(), variables);
        } catch (ConfigurationException e) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (ConfigProblem p : e.problems()) {
                Raw at = yaml.lines().get(p.line());
                String path = p.path().startsWith("(") ? ShardkitProperties.PREFIX : PREFIX + p.path();
                problems.add(new ConfigProblem(path, p.message() + (at == null ? "" : " [" + at.where() + "]"), 0));
            }
            // The cause's paths and lines are those of the YAML written here, which no one has seen.
            throw new ConfigurationException(SOURCE, problems);
        }
    }

    /** YAML text, and the key written on each of its lines. */
    record Rendered(String text, Map<Integer, Raw> lines) {}

    /**
     * Writes the keys as a YAML document, one value a line, every value a quoted string.
     *
     * @throws ConfigurationException naming each list whose indexes do not run {@code 0..n-1}
     */
    static Rendered render(List<Raw> keys) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Raw raw : keys) {
            insert(root, segments(raw.name().substring(PREFIX.length())), 0, raw);
        }
        List<ConfigProblem> gaps = new ArrayList<>();
        findGaps(root, ShardkitProperties.PREFIX, gaps);
        if (!gaps.isEmpty()) {
            throw new ConfigurationException(SOURCE, gaps);
        }
        StringBuilder out = new StringBuilder();
        Map<Integer, Raw> lines = new HashMap<>();
        writeMap(root, 0, out, lines);
        return new Rendered(out.toString(), lines);
    }

    /** Splits {@code shards[0].primary.url} into {@code shards}, {@code [0]}, {@code primary}, {@code url}. */
    static List<String> segments(String name) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = name.indexOf(']', i);
                int end = close < 0 ? name.length() : close;
                String inside = name.substring(i + 1, end);
                out.add(INDEX.matcher(inside).matches() ? "[" + inside + "]" : inside);
                i = end + 1;
            } else {
                int end = i;
                while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
                    end++;
                }
                out.add(name.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> map, List<String> path, int at, Raw raw) {
        String segment = path.get(at);
        if (at == path.size() - 1) {
            map.putIfAbsent(segment, raw);
            return;
        }
        boolean list = path.get(at + 1).startsWith("[");
        Object child = map.get(segment);
        if (!(child instanceof Map)) {
            child = list ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
            map.put(segment, child); // a container replaces an empty value written for it
        }
        if (list) {
            insertInList((Map<Integer, Object>) child, path, at + 1, raw);
        } else {
            insert((Map<String, Object>) child, path, at + 1, raw);
        }
    }

    @SuppressWarnings("unchecked")
    private static void insertInList(Map<Integer, Object> list, List<String> path, int at, Raw raw) {
        String segment = path.get(at);
        int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
        if (at == path.size() - 1) {
            list.putIfAbsent(index, raw);
            return;
        }
        boolean nested = path.get(at + 1).startsWith("[");
        Object child = list.get(index);
        if (!(child instanceof Map)) {
            child = nested ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
            list.put(index, child);
        }
        if (nested) {
            insertInList((Map<Integer, Object>) child, path, at + 1, raw);
        } else {
            insert((Map<String, Object>) child, path, at + 1, raw);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeMap(Map<String, Object> map, int indent, StringBuilder out, Map<Integer, Raw> lines) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = PLAIN_KEY.matcher(e.getKey()).matches() ? e.getKey() : quote(e.getKey());
            writeEntry(" ".repeat(indent) + key + ":", e.getValue(), indent, out, lines);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeEntry(String head, Object value, int indent, StringBuilder out, Map<Integer, Raw> lines) {
        if (value instanceof Raw raw) {
            lines.put(lineOf(out), raw);
            // Spring writes an empty list, an empty mapping and a missing value all as "": YAML null
            // says "no value", which shard-core reads as the section's defaults or "must have a value".
            out.append(head)
                    .append(raw.value().isEmpty() ? "" : " " + quote(raw.value()))
                    .append('\n');
            return;
        }
        out.append(head).append('\n');
        if (value instanceof TreeMap<?, ?> list) {
            for (Object item : list.values()) { // indexes 0..n-1: findGaps refused any other
                writeEntry(" ".repeat(indent + 2) + "-", item, indent + 4, out, lines);
            }
        } else {
            writeMap((Map<String, Object>) value, indent + 2, out, lines);
        }
    }

    /**
     * Adds a problem for each list whose indexes do not run {@code 0..n-1}, such as {@code
     * shards[0]} and {@code shards[2]} without {@code shards[1]}: YAML has no way to write the hole,
     * and closing it would shift every later element to another index than the one written.
     */
    @SuppressWarnings("unchecked")
    private static void findGaps(Object node, String path, List<ConfigProblem> problems) {
        if (node instanceof TreeMap<?, ?> list) {
            int expected = 0;
            for (Map.Entry<Integer, Object> item : ((TreeMap<Integer, Object>) list).entrySet()) {
                if (item.getKey() != expected) {
                    problems.add(new ConfigProblem(
                            path + "[" + expected + "]",
                            "missing: the indexes of a list must run 0, 1, 2, ... without gaps, but " + path + "["
                                    + item.getKey() + "] follows "
                                    + (expected == 0 ? "no element" : "[" + (expected - 1) + "]")
                                    + " [" + firstRaw(item.getValue()).where() + "]",
                            0));
                    return;
                }
                findGaps(item.getValue(), path + "[" + expected + "]", problems);
                expected++;
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "[" + key + "]";
                findGaps(e.getValue(), child, problems);
            }
        }
    }

    /** The first key written under a node, to say where an element was written. */
    private static Raw firstRaw(Object node) {
        Object at = node;
        while (!(at instanceof Raw)) {
            at = ((Map<?, ?>) at).values().iterator().next();
        }
        return (Raw) at;
    }

    private static int lineOf(StringBuilder out) {
        int line = 1;
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A YAML double-quoted scalar (JSON's escapes are YAML's). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String firstSegment(String name) {
        String rest = name.substring(PREFIX.length());
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
            end++;
        }
        return rest.substring(0, end);
    }

    /** The name up to its first list index ({@code shardkit.shards} of {@code shardkit.shards[0].id}), or null. */
    private static @Nullable String listRoot(String name) {
        Matcher m = Pattern.compile("\\[\\d+]").matcher(name);
        return m.find() ? name.substring(0, m.start()) : null;
    }
}
