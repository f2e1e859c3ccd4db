package org.shardkit.routing.tools;

import java.io.PrintStream;
import java.util.Locale;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.StrategyKind;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * Prints how evenly a strategy spreads the IDs of a simulated ID source over n shards: per-shard counts, peak/mean and
 * chi-square.
 *
 * <p>Run it from the repository root after {@code mvn -pl shard-routing package}:
 *
 * <pre>
 * java -cp shard-routing/target/classes org.shardkit.routing.tools.SkewReport \
 *     --strategy modulo --shards 16 --source snowflake --rate 1 --ids 1000000
 * </pre>
 *
 * <p>Options (all optional): {@code --strategy name}, one of {@link StrategyKind#names()}, that is {@code
 * buckets|consistent-hash|hash-modulo|jump|modulo}, in any case (default {@code jump}; the strategy is made by
 * {@link ShardStrategies#of(StrategyKind, int)}), {@code --shards n} (16), {@code --source random|sequential|snowflake}
 * (random), {@code --ids count} (1,000,000), {@code --seed s} (1: random seed, first sequential ID, or snowflake worker
 * id), {@code --rate r} (snowflake IDs per millisecond, 1). Exits with status 2 on a bad option, after printing the
 * message and the usage. Another generator plugs in through {@link #report(ShardStrategy, IdSource, long, PrintStream)}.
 *
 * <p>Not thread-safe; a tool, not library code.
 */
public final class SkewReport {

    /** The strategy when {@code --strategy} is not given. */
    static final StrategyKind DEFAULT_STRATEGY = StrategyKind.JUMP;

    private SkewReport() {}

    /**
     * Runs the report with command-line options and prints it to standard output.
     *
     * @param args options, see the class comment
     */
    @SuppressWarnings("SystemExitOutsideMain") // this is main
    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("SkewReport: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    /** Returns the one-line usage; the strategy names come from {@link StrategyKind#names()}. */
    static String usage() {
        return "usage: SkewReport [--strategy " + StrategyKind.names().replace(", ", "|") + "] [--shards n]"
                + " [--source random|sequential|snowflake] [--ids count] [--seed s] [--rate idsPerMs]"
                + " (default strategy " + DEFAULT_STRATEGY + ")";
    }

    /**
     * Parses options, runs the simulation and prints the report.
     *
     * @param args options, see the class comment
     * @param out where to print
     * @return the measured load
     * @throws IllegalArgumentException if an option is unknown or its value is bad
     */
    public static SkewStats run(String[] args, PrintStream out) {
        StrategyKind kind = DEFAULT_STRATEGY;
        String sourceName = "random";
        int shards = 16;
        long ids = 1_000_000;
        long seed = 1;
        int rate = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--strategy" -> kind = StrategyKind.fromName(value);
                case "--source" -> sourceName = value;
                case "--shards" -> shards = parseInt(option, value);
                case "--ids" -> ids = parseLong(option, value);
                case "--seed" -> seed = parseLong(option, value);
                case "--rate" -> rate = parseInt(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        ShardStrategy strategy = ShardStrategies.of(kind, shards);
        IdSource source = IdSources.byName(sourceName, seed, rate);
        String description = sourceName + ("snowflake".equals(sourceName) ? " (" + rate + " id/ms)" : "");
        return report(strategy, source, ids, description, out);
    }

    /**
     * Routes {@code ids} IDs of any source and prints the report; the way to plug in a real generator.
     *
     * @param strategy the strategy
     * @param source the IDs, e.g. {@code generator::nextId}
     * @param ids how many IDs, at least 1
     * @param out where to print
     * @return the measured load
     */
    public static SkewStats report(ShardStrategy strategy, IdSource source, long ids, PrintStream out) {
        return report(strategy, source, ids, "custom", out);
    }

    private static SkewStats report(
            ShardStrategy strategy, IdSource source, long ids, String sourceName, PrintStream out) {
        SkewStats stats = SkewStats.measure(strategy, source, ids);
        out.printf(
                Locale.ROOT,
                "strategy=%s shards=%d source=%s ids=%d%n",
                strategy.name(),
                strategy.shardCount(),
                sourceName,
                stats.total());
        out.printf(Locale.ROOT, "%8s %12s %8s%n", "shard", "count", "share");
        for (SkewStats.ShardCount c : stats.counts()) {
            out.printf(Locale.ROOT, "%8d %12d %7.3f%%%n", c.shardId(), c.count(), 100.0 * c.count() / stats.total());
        }
        out.printf(
                Locale.ROOT,
                "peak/mean=%.4f chi-square=%.1f df=%d critical(p=0.001)=%.1f -> %s%n",
                stats.peakToMean(),
                stats.chiSquare(),
                stats.degreesOfFreedom(),
                stats.chiSquareCritical001(),
                stats.chiSquare() > stats.chiSquareCritical001() ? "SKEWED" : "even within sampling noise");
        return stats;
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, but was " + value, e);
        }
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, but was " + value, e);
        }
    }
}
