package org.shardkit.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One YAML mapping being bound to a configuration builder: each {@code bind} call reads one key,
 * parses its text ({@code ${VAR}} substituted), hands the value to the builder's setter, and turns
 * any problem (bad syntax, or a bound the builder refuses) into a {@link ConfigProblem} with the
 * key's path and line. Keys no call asked for are reported as unknown by {@link #finish()}.
 *
 * <p>A value that came from the environment is shown in problems as the file wrote it ({@code
 * '${DB_PORT}'}), never expanded: the environment is where secrets live, and a password variable put
 * under the wrong key must not end up in a message or a log. Not thread-safe.
 */
final class YamlSection {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final String BUT_WAS = ", but was ";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** What every section of one read shares: the environment and the problems found so far. */
    static final class Context {
        final Map<String, String> environment;
        final List<ConfigProblem> problems;

        Context(Map<String, String> environment, List<ConfigProblem> problems) {
            this.environment = Map.copyOf(environment);
            this.problems = problems;
        }

        void problem(String path, String message, int line) {
            problems.add(new ConfigProblem(path, message, line));
        }
    }

    /** A key's text as the file wrote it, and what the environment made of it. */
    private record Expanded(String written, String value) {}

    final YamlNode node;
    final String path;
    private final Context context;
    private final Set<String> known = new LinkedHashSet<>();
    /** The keys whose text came from the environment, in part or whole. */
    private final Map<String, Expanded> expanded = new HashMap<>();
    /** How many problems the read had when this section began: more at build time means this one has some. */
    private final int problemsAtStart;

    YamlSection(YamlNode node, String path, Context context) {
        this.node = node;
        this.path = path;
        this.context = context;
        this.problemsAtStart = context.problems.size();
    }

    /** The section at {@code key} of this one, or null (with a problem) when it is not a mapping. */
    @Nullable
    YamlSection child(String key) {
        known.add(key);
        YamlNode child = node.map.get(key);
        if (child == null || child.kind == YamlNode.Kind.NULL) {
            return null;
        }
        String childPath = pathOf(key);
        if (child.kind != YamlNode.Kind.MAP) {
            context.problem(childPath, "must be a mapping, but was " + child.describe(), child.line);
            return null;
        }
        return new YamlSection(child, childPath, context);
    }

    /** Marks a key as known without binding it (the caller reads it itself). */
    @Nullable
    YamlNode raw(String key) {
        known.add(key);
        return node.map.get(key);
    }

    /** Returns the path of a key of this section; the empty key is the section itself. */
    String pathOf(String key) {
        if (key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    int lineOf(String key) {
        Integer line = node.keyLines.get(key);
        return line == null ? node.line : line;
    }

    /** Binds an integer: the setter takes a {@code long} so the builder names its own bounds. */
    void bindLong(String key, LongConsumer setter) {
        String text = text(key);
        if (text == null) {
            return;
        }
        BigInteger value;
        try {
            value = new BigInteger(text.strip());
        } catch (NumberFormatException e) {
            context.problem(pathOf(key), "must be an integer, but was '" + shown(key, text) + "'", lineOf(key));
            return;
        }
        // Beyond a long the builder's bound still says what the limit is; the text says what was given.
        long clamped = value.bitLength() < 64 ? value.longValue() : value.signum() * Long.MAX_VALUE;
        set(key, shown(key, text.strip()), () -> setter.accept(clamped));
    }

    void bindDuration(String key, Consumer<Duration> setter) {
        String text = text(key);
        if (text == null) {
            return;
        }
        Duration d = parseDuration(text.strip());
        if (d == null) {
            context.problem(
                    pathOf(key),
                    "must be a duration like 250ms, 5s, 10m, 1h or PT5S, but was '" + shown(key, text) + "'",
                    lineOf(key));
            return;
        }
        set(key, shown(key, text.strip()), () -> setter.accept(d));
    }

    void bindBoolean(String key, Consumer<Boolean> setter) {
        String text = text(key);
        if (text == null) {
            return;
        }
        String t = text.strip();
        if (!"true".equalsIgnoreCase(t) && !"false".equalsIgnoreCase(t)) {
            context.problem(pathOf(key), "must be true or false, but was '" + shown(key, text) + "'", lineOf(key));
            return;
        }
        set(key, "'" + shown(key, text) + "'", () -> setter.accept(Boolean.parseBoolean(t)));
    }

    /** Binds a text; a refused value is shown as the builder shows it (quoted, or hidden if secret). */
    void bindText(String key, Consumer<String> setter) {
        String text = text(key);
        if (text != null) {
            Expanded e = expanded.get(key);
            set(key, e == null ? null : "'" + e.written() + "'", () -> setter.accept(text));
        }
    }

    /**
     * Builds what the section describes; a problem the builder finds between settings is reported at
     * the setting it names.
     *
     * @return the built value, or null when it has problems
     */
    <T> @Nullable T build(Supplier<T> builder) {
        if (context.problems.size() > problemsAtStart) {
            // A setting of this section was refused: what is left would only add problems that follow from it.
            return null;
        }
        try {
            return builder.get();
        } catch (InvalidSettingException e) {
            Expanded from = expanded.get(e.setting());
            String value = from == null ? e.value() : "'" + from.written() + "'";
            context.problem(pathOf(e.setting()), e.requirement() + ", but was " + value, lineOf(e.setting()));
            return null;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Expanded from : expanded.values()) {
                message = unexpand(message, from);
            }
            context.problem(path.isEmpty() ? "(root)" : path, message, node.line);
            return null;
        }
    }

    /** Reports the keys no binding asked for. */
    void finish() {
        for (String key : node.map.keySet()) {
            if (!known.contains(key)) {
                context.problem(
                        pathOf(key),
                        "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")",
                        lineOf(key));
            }
        }
    }

    /**
     * Runs a setter; a bound it refuses is reported with the value as the file gave it ({@code shown}),
     * or as the builder shows it when {@code shown} is null.
     */
    private void set(String key, @Nullable String shown, Runnable setting) {
        try {
            setting.run();
        } catch (InvalidSettingException e) {
            context.problem(
                    pathOf(key), e.requirement() + ", but was " + (shown != null ? shown : e.value()), lineOf(key));
        } catch (IllegalArgumentException e) {
            // Builders outside this package name the setting first: the path says it already.
            Expanded from = expanded.get(key);
            String message =
                    from == null ? String.valueOf(e.getMessage()) : unexpand(String.valueOf(e.getMessage()), from);
            if (message.startsWith(key + " ")) {
                message = message.substring(key.length() + 1);
            }
            context.problem(pathOf(key), message, lineOf(key));
        }
    }

    /** Returns a key's text with variables substituted, or null if absent or bad (with a problem). */
    @Nullable
    String text(String key) {
        known.add(key);
        YamlNode value = node.map.get(key);
        if (value == null) {
            return null;
        }
        String p = pathOf(key);
        if (value.kind == YamlNode.Kind.NULL) {
            context.problem(p, "must have a value, but was empty", value.line);
            return null;
        }
        if (value.kind != YamlNode.Kind.SCALAR || value.text == null) {
            context.problem(p, "must be a single value, but was " + value.describe(), value.line);
            return null;
        }
        String result = substitute(value.text, p, value.line);
        if (result != null && VARIABLE.matcher(value.text).find()) {
            expanded.put(key, new Expanded(value.text, result));
        }
        return result;
    }

    /** The text of a key as problems show it: as the file wrote it when it came from the environment. */
    private String shown(String key, String text) {
        Expanded e = expanded.get(key);
        return e == null ? text : e.written();
    }

    /**
     * A builder's message with an expanded value put back as the file wrote it: the part after the
     * last {@code ", but was "} when the message has one (the shape of every builder's message),
     * else each occurrence of the value.
     */
    private static String unexpand(String message, Expanded e) {
        int at = message.lastIndexOf(BUT_WAS);
        if (at >= 0) {
            return message.substring(0, at + BUT_WAS.length()) + "'" + e.written() + "'";
        }
        String value = e.value().strip();
        return value.isEmpty() ? message : message.replace(value, e.written().strip());
    }

    /** Tells whether the whole text is one {@code ${VAR}} reference without a default. */
    static @Nullable String soleVariable(String text) {
        Matcher whole = VARIABLE.matcher(text.strip());
        return whole.matches() && whole.group(2) == null ? whole.group(1) : null;
    }

    /** Returns VAR when the whole text is one {@code ${VAR:-default}} reference, else null. */
    static @Nullable String variableWithDefault(String text) {
        Matcher whole = VARIABLE.matcher(text.strip());
        return whole.matches() && whole.group(2) != null ? whole.group(1) : null;
    }

    @Nullable
    String substitute(String text, String p, int line) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            String value = context.environment.get(name);
            if ((value == null || value.isEmpty()) && m.group(2) != null) {
                // As in the shell, ${VAR:-default} uses the default when VAR is unset or empty.
                value = m.group(2);
            }
            if (value == null) {
                context.problem(
                        p,
                        "environment variable " + name + " is not set (use ${" + name + ":-default} for a default)",
                        line);
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }

    /** Environment lookup for callers with their own rules (passwords). */
    @Nullable
    String environment(String name) {
        return context.environment.get(name);
    }

    void problem(String key, String message) {
        context.problem(pathOf(key), message, lineOf(key));
    }

    static @Nullable Duration parseDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                        return Duration.ofMinutes(n);
                    case "h":
                        return Duration.ofHours(n);
                    default:
                        return Duration.ofDays(n);
                }
            }
            return Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
