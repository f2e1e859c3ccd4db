package org.shardkit.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The systems of {@code --systems}: each names one {@link LoadSystem} implementation. */
public enum SystemKind {
    /** The repository as built, over the shards. */
    SHARDKIT,
    /** The seed's original code translated faithfully, over the same shards. */
    NAIVE,
    /** One PostgreSQL server holding all the data, same schema, no sharding. */
    SINGLE,
    /** Apache ShardingSphere-JDBC over the same shards. */
    SHARDINGSPHERE;

    /** Returns the name on the command line and in the report: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Tells whether the system reads and writes the shards (all but {@link #SINGLE}). */
    public boolean usesShards() {
        return this != SINGLE;
    }

    /**
     * Returns the system a command-line name stands for.
     *
     * @throws IllegalArgumentException naming the value and the choices if it is not one
     */
    public static SystemKind fromCode(String code) {
        for (SystemKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("system must be one of " + choices() + ", but was '" + code + "'");
    }

    /** Returns the names accepted by {@link #fromCode}, comma-separated. */
    static String choices() {
        return Arrays.stream(values()).map(SystemKind::code).collect(Collectors.joining(", "));
    }
}
