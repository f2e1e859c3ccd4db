package org.shardkit.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The workloads of {@code --workload}. */
public enum WorkloadKind {
    /** The seed's PerformanceTestSuite, then a mixed run of simulated agents. */
    SEED,
    /** Facebook's LinkBench operation mix and access distributions, over agents and friendships. */
    LINKBENCH;

    /** Returns the name on the command line and in the report: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the workload a command-line name stands for.
     *
     * @throws IllegalArgumentException naming the value and the choices if it is not one
     */
    public static WorkloadKind fromCode(String code) {
        for (WorkloadKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("workload must be one of " + choices() + ", but was '" + code + "'");
    }

    /** Returns the names accepted by {@link #fromCode}, comma-separated. */
    static String choices() {
        return Arrays.stream(values()).map(WorkloadKind::code).collect(Collectors.joining(", "));
    }
}
