package org.shardkit.social;

import java.time.Duration;
import org.shardkit.core.scatter.FailurePolicy;

/**
 * How a compatible-agents search runs over the shards: its failure policy and its deadline.
 *
 * <p>The default is {@link FailurePolicy#PARTIAL} with a deadline of {@value #DEFAULT_DEADLINE_MILLIS}
 * ms: a suggestion list is worth showing without one shard, and the answer says which shards are
 * missing ({@link CompatibleAgents#missingShards()}); {@link CompatibleAgents#requireComplete()}
 * refuses a partial answer. With {@link FailurePolicy#FAIL_FAST} the first shard that fails fails
 * the search. Immutable and thread-safe.
 *
 * @param policy what a failed or late shard does to the search
 * @param deadline the longest the shards are waited for, 1 ms to 1 minute
 */
public record CompatibleOptions(FailurePolicy policy, Duration deadline) {
    /** Default deadline: 1,000 ms. */
    public static final long DEFAULT_DEADLINE_MILLIS = 1000;

    private static final CompatibleOptions DEFAULTS =
            new CompatibleOptions(FailurePolicy.PARTIAL, Duration.ofMillis(DEFAULT_DEADLINE_MILLIS));

    /**
     * Checks the options.
     *
     * @throws InvalidInputException naming {@code policy} or {@code deadline}
     */
    public CompatibleOptions {
        InputRules.required("policy", policy);
        InputRules.required("deadline", deadline);
        if (deadline.toMillis() < 1 || deadline.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidInputException("deadline", deadline, "must be between 1ms and 1m");
        }
    }

    /** Returns the defaults: {@code PARTIAL}, 1 s. */
    public static CompatibleOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a copy with another policy. */
    public CompatibleOptions withPolicy(FailurePolicy value) {
        return new CompatibleOptions(value, deadline);
    }

    /** Returns a copy with another deadline. */
    public CompatibleOptions withDeadline(Duration value) {
        return new CompatibleOptions(policy, value);
    }
}
