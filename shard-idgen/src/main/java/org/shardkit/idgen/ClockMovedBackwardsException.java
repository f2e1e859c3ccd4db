package org.shardkit.idgen;

import java.time.Duration;

/**
 * Thrown when the clock is behind the last issued timestamp by more than the generator's tolerance,
 * so issuing an ID now could repeat one already issued.
 *
 * <p>This also happens at start when a worker id's lease remembers a later timestamp than the local
 * clock shows. Retrying later, once the clock has caught up, is safe. Immutable once thrown.
 */
public final class ClockMovedBackwardsException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    private final Duration drift;
    private final Duration tolerance;

    /**
     * Creates the exception.
     *
     * @param drift how far the clock is behind the last issued timestamp
     * @param tolerance the largest drift that would have been waited out
     * @param workerId the worker id of the generator
     */
    public ClockMovedBackwardsException(Duration drift, Duration tolerance, long workerId) {
        super("clock moved backwards by " + drift.toMillis() + " ms for worker " + workerId
                + ", more than the tolerance of " + tolerance.toMillis()
                + " ms; refusing to issue IDs until the clock passes the last issued timestamp");
        this.drift = drift;
        this.tolerance = tolerance;
    }

    /**
     * Returns how far the clock was behind the last issued timestamp.
     *
     * @return the drift
     */
    public Duration drift() {
        return drift;
    }

    /**
     * Returns the tolerance that the drift exceeded.
     *
     * @return the tolerance
     */
    public Duration tolerance() {
        return tolerance;
    }
}
