package org.shardkit.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * The built-in strategies and their one name each: the registry every strategy name in shardkit comes from.
 *
 * <p>The same name is used in configuration ({@code topology.strategy}), by {@link ShardStrategy#name()} of the
 * built-in strategies, by {@link ShardStrategies#byName(String, int)}, in the golden vectors and by the {@code
 * SkewReport} tool. {@link ShardStrategies#of(StrategyKind, int)} makes the strategy of a kind.
 *
 * <pre>{@code
 * StrategyKind kind = StrategyKind.fromName("Consistent-Hash"); // CONSISTENT_HASH
 * ShardStrategy ring = ShardStrategies.of(kind, 8);
 * ring.name();                                                    // "consistent-hash"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum StrategyKind {
    /** Raw modulo, {@link ShardStrategies#modulo(int)}. */
    MODULO("modulo"),
    /** Hash-modulo, {@link ShardStrategies#hashModulo(int)}. */
    HASH_MODULO("hash-modulo"),
    /** A consistent-hash ring, {@link ShardStrategies#ring(int)} or {@link ConsistentHashRing}. */
    CONSISTENT_HASH("consistent-hash"),
    /** Jump consistent hash, {@link ShardStrategies#jump(int)}. */
    JUMP("jump"),
    /** Virtual buckets held by shards, a {@link Topology}. */
    BUCKETS("buckets");

    private static final String NAMES =
            Arrays.stream(values()).map(StrategyKind::configName).sorted().collect(Collectors.joining(", "));

    private final String configName;

    StrategyKind(String configName) {
        this.configName = configName;
    }

    /**
     * Returns the one name of this strategy, as written in configuration and returned by {@link ShardStrategy#name()}:
     * {@code "modulo"}, {@code "hash-modulo"}, {@code "consistent-hash"}, {@code "jump"} or {@code "buckets"}.
     *
     * @return the name, lower case
     */
    public String configName() {
        return configName;
    }

    /**
     * Returns the kind of a name; case does not matter ({@link Locale#ROOT}) and surrounding whitespace is ignored.
     *
     * @param name a strategy name, such as {@code "jump"}
     * @return the kind with that {@link #configName()}
     * @throws IllegalArgumentException if the name is null, blank or unknown, e.g. {@code strategy must be one of
     *     buckets, consistent-hash, hash-modulo, jump, modulo, but was 'ring'}; the list is {@link #names()}
     */
    public static StrategyKind fromName(@Nullable String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (StrategyKind kind : values()) {
                if (kind.configName.equals(wanted)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException(
                "strategy must be one of " + NAMES + ", but was " + (name == null ? "null" : "'" + name + "'"));
    }

    /**
     * Returns every name, sorted and comma-separated, for messages and help texts: {@code "buckets, consistent-hash,
     * hash-modulo, jump, modulo"}.
     *
     * @return the names
     */
    public static String names() {
        return NAMES;
    }

    /**
     * Returns the {@link #configName()}.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return configName;
    }
}
