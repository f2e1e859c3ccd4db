package org.shardkit.routing.tools;

import java.util.SplittableRandom;

/**
 * Built-in simulated {@link IdSource ID sources}: random, sequential and snowflake-shaped. Each call returns a new,
 * deterministic source; sources are not thread-safe. This class is stateless and thread-safe.
 */
public final class IdSources {

    /** Custom epoch of the simulated snowflake source: 2024-01-01T00:00:00Z in Unix milliseconds. */
    public static final long SNOWFLAKE_EPOCH_MILLIS = 1_704_067_200_000L;

    /** Simulated start time of the snowflake source: 2025-01-01T00:00:00Z in Unix milliseconds. */
    public static final long SNOWFLAKE_START_MILLIS = 1_735_689_600_000L;

    private IdSources() {}

    /**
     * Returns uniformly random 64-bit IDs.
     *
     * @param seed the random seed
     * @return the source
     */
    public static IdSource random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random::nextLong;
    }

    /**
     * Returns {@code start, start + 1, start + 2, ...}, like a database sequence.
     *
     * @param start the first ID
     * @return the source
     */
    public static IdSource sequential(long start) {
        long[] next = {start};
        return () -> next[0]++;
    }

    /**
     * Returns snowflake-shaped IDs, {@code (millis - epoch) << 22 | worker << 12 | sequence}, on a simulated clock that
     * advances one millisecond after every {@code idsPerMillisecond} IDs; the sequence restarts at 0 each millisecond.
     * At one ID per millisecond (a low rate) the low 12 bits are always 0.
     *
     * @param workerId worker id, {@code 0..1023}
     * @param idsPerMillisecond IDs per simulated millisecond, {@code 1..4096}
     * @return the source
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static IdSource snowflake(int workerId, int idsPerMillisecond) {
        if (workerId < 0 || workerId > 1023) {
            throw new IllegalArgumentException("workerId must be in 0..1023, but was " + workerId);
        }
        if (idsPerMillisecond < 1 || idsPerMillisecond > 4096) {
            throw new IllegalArgumentException("idsPerMillisecond must be in 1..4096, but was " + idsPerMillisecond);
        }
        long[] state = {SNOWFLAKE_START_MILLIS - SNOWFLAKE_EPOCH_MILLIS, 0};
        return () -> {
            long id = state[0] << 22 | (long) workerId << 12 | state[1];
            if (++state[1] == idsPerMillisecond) {
                state[1] = 0;
                state[0]++;
            }
            return id;
        };
    }

    /**
     * Returns a built-in source by name, as the {@code --source} option of {@link SkewReport} names it.
     *
     * @param name {@code random}, {@code sequential} or {@code snowflake}
     * @param seed seed for {@code random}, first ID for {@code sequential}, worker id for {@code snowflake}
     * @param idsPerMillisecond rate of {@code snowflake}; ignored by the others
     * @return the source
     * @throws IllegalArgumentException if the name is unknown or an argument is out of range
     */
    public static IdSource byName(String name, long seed, int idsPerMillisecond) {
        return switch (name) {
            case "random" -> random(seed);
            case "sequential" -> sequential(seed);
            case "snowflake" -> snowflake((int) Math.floorMod(seed, 1024L), idsPerMillisecond);
            default ->
                throw new IllegalArgumentException(
                        "source must be one of random, sequential, snowflake, but was " + name);
        };
    }
}
