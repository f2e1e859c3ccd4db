package org.shardkit.core.config;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Snowflake ID generation settings.
 *
 * @param epoch the instant that timestamp 0 stands for; default {@link #DEFAULT_EPOCH}
 * @param workerIdSource how the worker id is chosen: {@code static}, {@code postgres} (a lease in
 *     a table on shard 0) or {@code redis} (a lease in Redis)
 * @param staticWorkerId the worker id for {@code static}, {@code >= 0}
 */
public record IdGenConfig(Instant epoch, String workerIdSource, int staticWorkerId) {
    /** Default epoch: 2024-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public IdGenConfig {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(workerIdSource, "workerIdSource");
        workerIdSource = workerIdSource.toLowerCase(Locale.ROOT);
        if (!workerIdSource.equals("static") && !workerIdSource.equals("postgres") && !workerIdSource.equals("redis")) {
            throw new IllegalArgumentException(
                    "workerId.source must be one of static, postgres, redis, but was '" + workerIdSource + "'");
        }
        if (staticWorkerId < 0) {
            throw new IllegalArgumentException("workerId.id must be >= 0, but was " + staticWorkerId);
        }
    }

    /** Returns the defaults: the 2024 epoch and static worker id 0. */
    public static IdGenConfig defaults() {
        return new IdGenConfig(DEFAULT_EPOCH, "static", 0);
    }
}
