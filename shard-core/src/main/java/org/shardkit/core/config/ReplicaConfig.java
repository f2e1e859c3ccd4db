package org.shardkit.core.config;

import java.util.Objects;

/**
 * A read replica of a shard.
 *
 * @param endpoint where it is
 * @param weight its share of the reads relative to the shard's other replicas, {@code >= 1}
 */
public record ReplicaConfig(EndpointConfig endpoint, int weight) {
    /** Default weight: {@value}. */
    public static final int DEFAULT_WEIGHT = 1;

    /**
     * Validates the replica.
     *
     * @throws IllegalArgumentException if the weight is below 1
     */
    public ReplicaConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1, but was " + weight);
        }
    }
}
