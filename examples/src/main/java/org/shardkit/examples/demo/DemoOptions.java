package org.shardkit.examples.demo;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the demo is asked to do: the graph's size and seed, the workload's users, think time and
 * duration, the metrics port, external shards, and whether to keep running. {@link #parse} reads
 * them from the command line and checks every value; the defaults are the constants below.
 *
 * @param agents how many agents to seed
 * @param duration how long the workload runs (and, with {@code keepRunning}, how often the table is
 *     printed)
 * @param users how many simulated users run at once
 * @param thinkTime the mean of each user's pause between two calls (exponentially distributed)
 * @param metricsPort the Prometheus endpoint's port on the loopback address; 0 for an ephemeral one
 * @param config a {@code shardkit.yaml} with external shards, or null for embedded servers
 * @param keepRunning whether the workload and the endpoint run until Ctrl-C
 * @param seed the seed of the graph and of the users' choices
 * @param help whether only the usage was asked for
 */
record DemoOptions(
        int agents,
        Duration duration,
        int users,
        Duration thinkTime,
        int metricsPort,
        @Nullable Path config,
        boolean keepRunning,
        long seed,
        boolean help) {

    /** Agents seeded by default: {@value}. */
    static final int DEFAULT_AGENTS = 100_000;
    /** The fewest agents: {@value}, so that friends and strangers can be drawn. */
    static final int MIN_AGENTS = 100;
    /** The most agents: {@value}. */
    static final int MAX_AGENTS = 10_000_000;
    /** Workload duration by default: 30 s. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    /** Shortest workload: 1 s. */
    static final Duration MIN_DURATION = Duration.ofSeconds(1);
    /** Longest workload: 7 days. */
    static final Duration MAX_DURATION = Duration.ofDays(7);
    /** Simulated users by default: {@value}. */
    static final int DEFAULT_USERS = 1_000;
    /** The most simulated users: {@value}. */
    static final int MAX_USERS = 100_000;
    /**
     * Mean think time by default: 3 s, so 1,000 users offer about 330 calls/s, which two shared cores
     * can serve; at 1 s they offer 1,000/s and the run measures its own queue.
     */
    static final Duration DEFAULT_THINK_TIME = Duration.ofSeconds(3);
    /** Longest mean think time: 60 s. */
    static final Duration MAX_THINK_TIME = Duration.ofSeconds(60);
    /** The graph's seed by default: {@value}. */
    static final long DEFAULT_SEED = 42;

    static final String AGENTS = "--agents";
    static final String DURATION = "--duration";
    static final String USERS = "--users";
    static final String THINK_TIME = "--think-time";
    static final String METRICS_PORT = "--metrics-port";
    static final String CONFIG = "--config";
    static final String KEEP_RUNNING = "--keep-running";
    static final String SEED = "--seed";
    static final String HELP = "--help";

    DemoOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(thinkTime, "thinkTime");
    }

    /** Returns the defaults: embedded servers, {@value #DEFAULT_AGENTS} agents, 1,000 users for 30 s. */
    static DemoOptions defaults() {
        return new DemoOptions(
                DEFAULT_AGENTS,
                DEFAULT_DURATION,
                DEFAULT_USERS,
                DEFAULT_THINK_TIME,
                0,
                null,
                false,
                DEFAULT_SEED,
                false);
    }

    /**
     * Reads a command line: {@code --flag value} or {@code --flag=value}, each flag at most once.
     *
     * @param args the arguments
     * @return the options, every value checked
     * @throws UsageException naming the flag and the value at fault
     */
    static DemoOptions parse(List<String> args) {
        Objects.requireNonNull(args, "args");
        int agents = DEFAULT_AGENTS;
        Duration duration = DEFAULT_DURATION;
        int users = DEFAULT_USERS;
        Duration thinkTime = DEFAULT_THINK_TIME;
        int metricsPort = 0;
        Path config = null;
        boolean keepRunning = false;
        long seed = DEFAULT_SEED;
        boolean help = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = Objects.requireNonNull(args.get(i), "argument");
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            if (!flag.startsWith("--")) {
                throw new UsageException(flag, "unexpected argument '" + arg + "': flags start with --");
            }
            if (!seen.add(flag)) {
                throw new UsageException(flag, flag + " was given twice");
            }
            if (flag.equals(KEEP_RUNNING) || flag.equals(HELP)) {
                if (eq >= 0) {
                    throw new UsageException(
                            flag, flag + " takes no value, but was given '" + arg.substring(eq + 1) + "'");
                }
                keepRunning |= flag.equals(KEEP_RUNNING);
                help |= flag.equals(HELP);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(flag, flag + " needs a value");
            }
            switch (flag) {
                case AGENTS -> agents = intIn(flag, value, MIN_AGENTS, MAX_AGENTS);
                case DURATION -> duration = durationIn(flag, value, MIN_DURATION, MAX_DURATION);
                case USERS -> users = intIn(flag, value, 1, MAX_USERS);
                case THINK_TIME -> thinkTime = durationIn(flag, value, Duration.ZERO, MAX_THINK_TIME);
                case METRICS_PORT -> metricsPort = intIn(flag, value, 0, 65_535);
                case CONFIG -> config = readableFile(flag, value);
                case SEED -> seed = longOf(flag, value);
                default -> throw new UsageException(flag, "unknown flag " + flag + " (" + HELP + " lists them)");
            }
        }
        return new DemoOptions(agents, duration, users, thinkTime, metricsPort, config, keepRunning, seed, help);
    }

    /** Returns the usage text: every flag, its default and its range. */
    static String usage() {
        return String.join(
                "\n",
                "usage: SocialDemo [flags]     (through Maven: mvn -B -q -Pdemo -pl examples -am verify -DskipTests"
                        + " -Ddemo.args=\"--agents 1000000\")",
                "  " + AGENTS + " N           agents to seed, " + MIN_AGENTS + " to " + MAX_AGENTS + "; default "
                        + DEFAULT_AGENTS,
                "  " + DURATION + " D         how long the workload runs (30s, 2m, 1h); default 30s",
                "  " + USERS + " N            simulated users at once, 1 to " + MAX_USERS + "; default "
                        + DEFAULT_USERS,
                "  " + THINK_TIME + " D       each user's mean pause between calls, 0 to 60s; default 3s",
                "  " + METRICS_PORT + " P     the Prometheus endpoint's port on 127.0.0.1; default 0 (any free port)",
                "  " + CONFIG + " FILE        a shardkit.yaml with external shards (empty databases; its idgen section"
                        + " must set a worker id); no embedded servers then",
                "  " + KEEP_RUNNING + "       keep the workload and the endpoint running until Ctrl-C (the table every "
                        + DURATION + ")",
                "  " + SEED + " N             the seed of the graph and of the users' choices; default " + DEFAULT_SEED,
                "  " + HELP + "               this text");
    }

    private static int intIn(String flag, String value, int min, int max) {
        long n = longOf(flag, value);
        if (n < min || n > max) {
            throw new UsageException(
                    flag, flag + " must be between " + min + " and " + max + ", but was " + value.strip());
        }
        return (int) n;
    }

    private static long longOf(String flag, String value) {
        try {
            return Long.parseLong(value.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(flag, flag + " must be a whole number, but was '" + value + "'");
        }
    }

    /**
     * Reads {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a bare number of seconds, or an ISO-8601
     * duration ({@code PT30S}).
     */
    static Duration durationOf(String flag, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException(
                    flag, flag + " must be a duration such as 30s, 500ms, 2m or 1h, but was '" + value + "'");
        }
    }

    private static Duration durationIn(String flag, String value, Duration min, Duration max) {
        Duration d = durationOf(flag, value);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new UsageException(
                    flag, flag + " must be between " + min + " and " + max + ", but was " + value.strip());
        }
        return d;
    }

    private static Path readableFile(String flag, String value) {
        Path p;
        try {
            p = Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new UsageException(flag, flag + " must be a file, but '" + value + "' is not a path");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException(
                    flag, flag + " must be a readable file, but " + p.toAbsolutePath() + " is not one");
        }
        return p;
    }
}
