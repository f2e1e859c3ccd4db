package org.shardkit.idgen;

/**
 * Thrown when no worker id can be assigned: every id is leased, or the lease store failed.
 * Immutable once thrown.
 */
public final class WorkerIdUnavailableException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with the numbers and the limit
     */
    public WorkerIdUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed, with the numbers and the limit
     * @param cause the underlying failure, e.g. from the lease store
     */
    public WorkerIdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
