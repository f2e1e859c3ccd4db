package org.shardkit.core.scatter;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;

/**
 * How to run a scatter: on which shards, under which deadline, with which failure policy, on
 * primaries or replicas. Immutable and thread-safe; each {@code withX} returns a copy.
 *
 * <pre>{@code
 * ScatterRequest request = ScatterRequest.allShards()
 *         .withDeadline(Duration.ofMillis(300))
 *         .withPolicy(FailurePolicy.PARTIAL)
 *         .readOnly();
 * }</pre>
 */
public final class ScatterRequest {
    /** Default deadline: 5 seconds. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private final @Nullable Set<ShardId> shards;
    private final Duration deadline;
    private final FailurePolicy policy;
    private final boolean readOnly;
    private final String operation;

    private ScatterRequest(
            @Nullable Set<ShardId> shards,
            Duration deadline,
            FailurePolicy policy,
            boolean readOnly,
            String operation) {
        this.shards = shards;
        this.deadline = deadline;
        this.policy = policy;
        this.readOnly = readOnly;
        this.operation = operation;
    }

    /** Returns a request for every shard: 5 s deadline, fail-fast, primaries. */
    public static ScatterRequest allShards() {
        return new ScatterRequest(null, DEFAULT_DEADLINE, FailurePolicy.FAIL_FAST, false, "scatter");
    }

    /**
     * Returns a request for some shards (e.g. the shards of a set of keys).
     *
     * @param shards the shards, at least one
     * @return the request
     * @throws IllegalArgumentException if {@code shards} is empty
     */
    public static ScatterRequest onShards(Collection<ShardId> shards) {
        Objects.requireNonNull(shards, "shards");
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("shards must name at least one shard, but was empty");
        }
        return new ScatterRequest(
                Set.copyOf(new TreeSet<>(shards)), DEFAULT_DEADLINE, FailurePolicy.FAIL_FAST, false, "scatter");
    }

    /**
     * Returns a copy with another deadline for the whole call.
     *
     * @param value a positive duration
     * @return the copy
     * @throws IllegalArgumentException if not positive
     */
    public ScatterRequest withDeadline(Duration value) {
        Objects.requireNonNull(value, "deadline");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, but was " + value);
        }
        return new ScatterRequest(shards, value, policy, readOnly, operation);
    }

    /**
     * Returns a copy with another failure policy.
     *
     * @param value the policy
     * @return the copy
     */
    public ScatterRequest withPolicy(FailurePolicy value) {
        return new ScatterRequest(shards, deadline, Objects.requireNonNull(value, "policy"), readOnly, operation);
    }

    /** Returns a copy that reads from replicas where the shards have healthy ones. */
    public ScatterRequest readOnly() {
        return new ScatterRequest(shards, deadline, policy, true, operation);
    }

    /**
     * Returns a copy with an operation name for metrics ({@code operation} tag).
     *
     * @param value e.g. {@code compatible-agents}
     * @return the copy
     */
    public ScatterRequest named(String value) {
        Objects.requireNonNull(value, "operation");
        if (value.isBlank()) {
            throw new IllegalArgumentException("operation name must not be blank");
        }
        return new ScatterRequest(shards, deadline, policy, readOnly, value);
    }

    /** Returns the chosen shards, or null for all. */
    public @Nullable Set<ShardId> shards() {
        return shards;
    }

    /** Returns the deadline for the whole call. */
    public Duration deadline() {
        return deadline;
    }

    /** Returns the failure policy. */
    public FailurePolicy policy() {
        return policy;
    }

    /** Tells whether the scatter reads from replicas. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Returns the operation name used in metrics. */
    public String operation() {
        return operation;
    }

    @Override
    public String toString() {
        return "ScatterRequest{shards=" + (shards == null ? "all" : shards) + ", deadline=" + deadline + ", policy="
                + policy + ", readOnly=" + readOnly + ", operation=" + operation + "}";
    }
}
