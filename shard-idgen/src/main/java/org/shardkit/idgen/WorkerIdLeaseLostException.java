package org.shardkit.idgen;

/**
 * Thrown when the generator may no longer use its worker id: the lease was taken by another owner,
 * or it could not be renewed before its deadline, or it was released.
 *
 * <p>The generator stops before the lease could expire elsewhere, so no ID issued before this was
 * thrown can collide with another owner's. Immutable once thrown.
 */
public final class WorkerIdLeaseLostException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    private final long workerId;

    /**
     * Creates the exception.
     *
     * @param workerId the worker id whose lease is lost
     * @param message what happened, with the times involved
     */
    public WorkerIdLeaseLostException(long workerId, String message) {
        super(message);
        this.workerId = workerId;
    }

    /**
     * Returns the worker id whose lease is lost.
     *
     * @return the worker id
     */
    public long workerId() {
        return workerId;
    }
}
