package org.shardkit.core.metrics;

/**
 * The state of a shard's circuit breaker, as {@link org.shardkit.core.ShardedDatabase#circuitState}
 * and {@link ShardHealth#breakerState()} report it.
 *
 * <p>Immutable and thread-safe.
 */
public enum CircuitState {
    /** Calls go through; failures to reach the shard are counted. */
    CLOSED,
    /** Calls are refused at once with {@link org.shardkit.core.ShardCircuitOpenException}. */
    OPEN,
    /** The open duration has passed: one trial call goes through and decides between the two. */
    HALF_OPEN;

    /** Returns the value of the {@code shardkit.breaker.state} gauge: 0 closed, 1 open, 2 half-open. */
    public int gaugeValue() {
        return ordinal();
    }
}
