package org.shardkit.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@link LoadOptions} from {@link LoadTest}'s command line: {@code --name value} or
 * {@code --name=value}; numbers may end in {@code k} or {@code M} ({@code 1M} agents). A bad option
 * is a {@link UsageException} naming it and its value. Stateless and thread-safe.
 */
public final class OptionsParser {
    /** What {@link LoadTest} prints on a bad command line or {@code --help}. */
    public static final String USAGE = """
            usage: java -cp benchmarks/target/benchmarks.jar org.shardkit.benchmarks.load.LoadTest [options]
              --agents N         agents in the seeded graph (default 100k)
              --interactions N   interactions in the seeded graph (default 1M)
              --shards N         PostgreSQL shards (default 4); one more server holds the 'single' copy
              --users N          simulated users of the mixed / LinkBench run (default 1000)
              --duration D       measured time per system, e.g. 30s, 5m (default 30s)
              --rate R           open loop: offered requests/s; 0 = closed loop (default users/think)
              --think D          mean think time of a user, open loop (default 5s)
              --warmup D         time per system before measuring, excluded from figures (default 10s)
              --workload W       seed | linkbench (default seed)
              --systems LIST     comma-separated: shardkit,naive,single,shardingsphere (default all)
              --out DIR          report, plots and histogram logs (default load-out)
              --data DIR         the servers' data directories (default OUT/data)
              --reuse            reuse the seeded graph in DATA if it matches; else seed again
              --seed N           seed of the graph and the request streams (default 42)
              --concurrency N    open-loop worker threads / closed-loop callers (default 64)
              --suite-iterations N  iterations of each read of the seed's suite (default 1000)
            """;

    private static final String AGENTS = "--agents";
    private static final String INTERACTIONS = "--interactions";
    private static final String SHARDS = "--shards";
    private static final String USERS = "--users";
    private static final String DURATION = "--duration";
    private static final String RATE = "--rate";
    private static final String THINK = "--think";
    private static final String WARMUP = "--warmup";
    private static final String WORKLOAD = "--workload";
    private static final String SYSTEMS = "--systems";
    private static final String OUT = "--out";
    private static final String DATA = "--data";
    private static final String REUSE = "--reuse";
    private static final String SEED = "--seed";
    private static final String CONCURRENCY = "--concurrency";
    private static final String SUITE_ITERATIONS = "--suite-iterations";

    private static final double RATE_AGREEMENT = 0.01;

    private OptionsParser() {}

    /**
     * Parses the command line.
     *
     * @param args the arguments of {@code main}
     * @return the validated options
     * @throws UsageException naming the option and value at fault
     */
    public static LoadOptions parse(String... args) {
        int agents = LoadOptions.DEFAULT_AGENTS;
        long interactions = LoadOptions.DEFAULT_INTERACTIONS;
        int shards = LoadOptions.DEFAULT_SHARDS;
        int users = LoadOptions.DEFAULT_USERS;
        Duration duration = LoadOptions.DEFAULT_DURATION;
        Double rate = null;
        Duration think = null;
        Duration warmup = LoadOptions.DEFAULT_WARMUP;
        WorkloadKind workload = WorkloadKind.SEED;
        List<SystemKind> systems = List.of(SystemKind.values());
        Path out = LoadOptions.DEFAULT_OUT;
        Path data = null;
        boolean reuse = false;
        long seed = LoadOptions.DEFAULT_SEED;
        int concurrency = LoadOptions.DEFAULT_CONCURRENCY;
        int suiteIterations = LoadOptions.DEFAULT_SUITE_ITERATIONS;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.startsWith("--")) {
                throw new UsageException(name, "expected an option like --agents, but found '" + name + "'");
            }
            if (!seen.add(name)) {
                throw new UsageException(name, name + " is given twice");
            }
            if (name.equals(REUSE)) {
                if (value != null) {
                    throw new UsageException(REUSE, "--reuse takes no value, but was given '" + value + "'");
                }
                reuse = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name, name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case AGENTS -> agents = toInt(name, value);
                case INTERACTIONS -> interactions = count(name, value);
                case SHARDS -> shards = toInt(name, value);
                case USERS -> users = toInt(name, value);
                case DURATION -> duration = duration(name, value);
                case RATE -> rate = rate(value);
                case THINK -> think = duration(name, value);
                case WARMUP -> warmup = duration(name, value);
                case WORKLOAD -> workload = workload(value);
                case SYSTEMS -> systems = systems(value);
                case OUT -> out = Path.of(value);
                case DATA -> data = Path.of(value);
                case SEED -> seed = number(name, value);
                case CONCURRENCY -> concurrency = toInt(name, value);
                case SUITE_ITERATIONS -> suiteIterations = toInt(name, value);
                default -> throw new UsageException(name, "unknown option '" + name + "'");
            }
        }
        double offered = resolveRate(users, rate, think);
        try {
            return new LoadOptions(
                    agents,
                    interactions,
                    shards,
                    users,
                    duration,
                    offered,
                    think == null ? LoadOptions.DEFAULT_THINK : think,
                    warmup,
                    workload,
                    systems,
                    out,
                    data == null ? out.resolve("data") : data,
                    reuse,
                    seed,
                    concurrency,
                    suiteIterations);
        } catch (IllegalArgumentException e) {
            String option = "--" + e.getMessage().split(" ", 2)[0];
            throw new UsageException(option, e.getMessage());
        }
    }

    /**
     * The offered rate: {@code --rate} if given, else {@code users / think}. Both given must agree,
     * since a user's think time is what spreads the rate over the users; a closed loop has none.
     */
    private static double resolveRate(int users, Double rate, Duration think) {
        Duration t = think == null ? LoadOptions.DEFAULT_THINK : think;
        if (t.isNegative() || t.isZero()) {
            throw new UsageException(THINK, "--think must be a positive duration, but was '" + t + "'");
        }
        double fromThink = users / (t.toNanos() / 1e9);
        if (rate == null) {
            return fromThink;
        }
        if (think != null) {
            if (rate == 0) {
                throw new UsageException(
                        THINK, "--think " + DurationText.format(think) + " has no effect in a closed loop (--rate 0)");
            }
            if (Math.abs(rate - fromThink) > RATE_AGREEMENT * rate) {
                throw new UsageException(
                        RATE,
                        String.format(
                                Locale.ROOT,
                                "--rate %s disagrees with --think %s: %d users thinking %s offer %.1f requests/s; give one",
                                rate,
                                DurationText.format(think),
                                users,
                                DurationText.format(think),
                                fromThink));
            }
        }
        return rate;
    }

    private static int toInt(String option, String value) {
        long n = count(option, value);
        if (n > Integer.MAX_VALUE) {
            throw new UsageException(
                    option, option + " must be at most " + Integer.MAX_VALUE + ", but was '" + value + "'");
        }
        return (int) n;
    }

    private static long count(String option, String value) {
        long n = number(option, value);
        if (n <= 0) {
            throw new UsageException(option, option + " must be positive, but was '" + value + "'");
        }
        return n;
    }

    private static long number(String option, String value) {
        String v = value.trim().replace("_", "");
        long scale = 1;
        if (v.endsWith("k") || v.endsWith("K")) {
            scale = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("M")) {
            scale = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(
                    option, option + " must be a whole number (like 1000, 10k, 1M), but was '" + value + "'");
        }
    }

    private static Duration duration(String option, String value) {
        Duration d;
        try {
            d = DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option, option + " must be a duration (500ms, 30s, 5m), but was '" + value + "'");
        }
        if (d.isNegative() || (d.isZero() && !option.equals(WARMUP))) {
            throw new UsageException(option, option + " must be positive, but was '" + value + "'");
        }
        return d;
    }

    private static double rate(String value) {
        double r;
        try {
            r = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(
                    RATE, "--rate must be a number of requests/s (0 = closed loop), but was '" + value + "'");
        }
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new UsageException(RATE, "--rate must be 0 or positive, but was '" + value + "'");
        }
        return r;
    }

    private static WorkloadKind workload(String value) {
        try {
            return WorkloadKind.fromCode(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    WORKLOAD, "--workload must be one of " + WorkloadKind.choices() + ", but was '" + value + "'");
        }
    }

    private static List<SystemKind> systems(String value) {
        List<SystemKind> list = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            SystemKind kind;
            try {
                kind = SystemKind.fromCode(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException(
                        SYSTEMS,
                        "--systems takes names from " + SystemKind.choices() + ", but '" + value + "' has '" + part
                                + "'");
            }
            if (list.contains(kind)) {
                throw new UsageException(SYSTEMS, "--systems names '" + name + "' twice in '" + value + "'");
            }
            list.add(kind);
        }
        return list;
    }
}
