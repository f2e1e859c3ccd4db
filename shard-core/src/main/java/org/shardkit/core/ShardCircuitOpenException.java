package org.shardkit.core;

import org.jspecify.annotations.Nullable;

/**
 * A call to a shard was refused at once because the shard's circuit breaker is open after recent
 * connection failures. The breaker lets trial calls through after its open duration, and closes
 * when they succeed.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardCircuitOpenException extends ShardUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param shardId the shard
     * @param shardName its name
     * @param openFor the breaker's open duration, for the message
     * @param poolState the pool's state
     * @param cause the breaker's exception
     */
    public ShardCircuitOpenException(
            ShardId shardId, String shardName, String openFor, String poolState, @Nullable Throwable cause) {
        super(
                shardId,
                shardName,
                "circuit breaker open after connection failures; retrying after " + openFor,
                poolState,
                cause);
    }
}
