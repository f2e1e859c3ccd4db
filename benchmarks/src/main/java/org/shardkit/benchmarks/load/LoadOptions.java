package org.shardkit.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one {@link LoadTest} run, validated; {@link OptionsParser} builds them from the
 * command line. Immutable.
 *
 * @param agents agents in the seeded graph
 * @param interactions interactions in the seeded graph
 * @param shards PostgreSQL shards
 * @param users simulated users (agents) of the mixed and LinkBench runs
 * @param duration measured time of each system's run, after the warm-up
 * @param rate offered rate of the open loop in requests per second; 0 runs a closed loop
 * @param think mean think time of a simulated user between two requests (open loop)
 * @param warmup time each system runs before measuring; excluded from the figures
 * @param workload which workload to run
 * @param systems the systems to measure, in the order they run
 * @param out where the report, plots and histogram logs go
 * @param data where the servers keep their data directories (by default {@code out/data})
 * @param reuse whether to reuse a seeded graph found in {@code data} instead of seeding again
 * @param seed the seed of the graph and of the request streams
 * @param concurrency worker threads of the open loop, callers of the closed loop
 * @param suiteIterations iterations of each read of the {@code seed} workload's suite (the seed's 1,000)
 */
public record LoadOptions(
        int agents,
        long interactions,
        int shards,
        int users,
        Duration duration,
        double rate,
        Duration think,
        Duration warmup,
        WorkloadKind workload,
        List<SystemKind> systems,
        Path out,
        Path data,
        boolean reuse,
        long seed,
        int concurrency,
        int suiteIterations) {

    /** Default agents: 100,000. */
    public static final int DEFAULT_AGENTS = 100_000;
    /** Default interactions: 1,000,000. */
    public static final long DEFAULT_INTERACTIONS = 1_000_000;
    /** Default shards: 4. */
    public static final int DEFAULT_SHARDS = 4;
    /** Default simulated users: 1,000. */
    public static final int DEFAULT_USERS = 1_000;
    /** Default measured time: 30 seconds. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    /** Default mean think time: 5 seconds, so 10,000 users offer 2,000 requests/s. */
    public static final Duration DEFAULT_THINK = Duration.ofSeconds(5);
    /** Default warm-up: 10 seconds. */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);
    /** Default output directory: {@code load-out}. */
    public static final Path DEFAULT_OUT = Path.of("load-out");
    /** Default seed: 42. */
    public static final long DEFAULT_SEED = 42;
    /** Default concurrency: 64 worker threads or callers. */
    public static final int DEFAULT_CONCURRENCY = 64;
    /** Default iterations of each read of the seed's suite: the seed's 1,000. */
    public static final int DEFAULT_SUITE_ITERATIONS = 1_000;

    /** Validates every option; the message names the option and its value. */
    public LoadOptions {
        positive("agents", agents);
        positive("interactions", interactions);
        positive("shards", shards);
        positive("users", users);
        positive("concurrency", concurrency);
        positive("suite-iterations", suiteIterations);
        positive("duration", duration);
        positive("think", think);
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must be zero or more, but was " + warmup);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "rate must be 0 (closed loop) or a positive number of ops/s, but was " + rate);
        }
        if (workload == null) {
            throw new IllegalArgumentException("workload must be given, but was null");
        }
        if (systems == null || systems.isEmpty()) {
            throw new IllegalArgumentException("systems must name at least one system, but was " + systems);
        }
        if (systems.stream().distinct().count() != systems.size()) {
            throw new IllegalArgumentException("systems must not repeat a system, but was " + systems);
        }
        if (out == null || data == null) {
            throw new IllegalArgumentException("out and data must be given, but were " + out + " and " + data);
        }
        systems = List.copyOf(systems);
    }

    /** Tells whether the run is open loop (requests at {@link #rate()}) rather than closed loop. */
    public boolean openLoop() {
        return rate > 0;
    }

    /** Returns the agents' mean think time in an open loop: {@code users / rate} seconds. */
    public Duration userThink() {
        return openLoop() ? Duration.ofNanos(Math.round(users * 1e9 / rate)) : think;
    }

    /**
     * Returns every option under its command-line name, for the report's {@code config}: durations
     * as text like {@code 30s}, paths as given.
     */
    public Map<String, Object> asConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("agents", agents);
        config.put("interactions", interactions);
        config.put("shards", shards);
        config.put("users", users);
        config.put("duration", DurationText.format(duration));
        config.put("rate", rate);
        config.put("think", DurationText.format(think));
        config.put("warmup", DurationText.format(warmup));
        config.put("workload", workload.code());
        config.put("systems", systems.stream().map(SystemKind::code).toList());
        config.put("out", out.toString());
        config.put("data", data.toString());
        config.put("reuse", reuse);
        config.put("seed", seed);
        config.put("concurrency", concurrency);
        config.put("suite_iterations", suiteIterations);
        return config;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, but was " + value);
        }
    }
}
