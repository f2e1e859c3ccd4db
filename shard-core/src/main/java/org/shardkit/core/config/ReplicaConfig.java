package org.shardkit.core.config;

import java.util.Objects;

/**
 * A read replica of a shard.
 *
 * @param endpoint where it is
 * @param weight its share of the reads relative to the shard's other replicas, {@code 1..1000}
 */
public record ReplicaConfig(EndpointConfig endpoint, int weight) {
    /** Default weight: {@value}. */
    public static final int DEFAULT_WEIGHT = 1;
    /** Largest weight: {@value}. */
    public static final int MAX_WEIGHT = 1_000;

    /** Checks a weight: {@code 1..}{@value #MAX_WEIGHT}. */
    static int checkWeight(long weight) {
        return Settings.intIn("weight", weight, 1, MAX_WEIGHT);
    }

    /**
     * Validates the replica.
     *
     * @throws IllegalArgumentException if the weight is outside {@code 1..1000}
     */
    public ReplicaConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        checkWeight(weight);
    }
}
