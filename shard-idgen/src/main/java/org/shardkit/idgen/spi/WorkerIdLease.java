package org.shardkit.idgen.spi;

import org.shardkit.idgen.WorkerIdLeaseLostException;

/**
 * A worker id held by one generator, with the time window in which it may issue IDs.
 *
 * <p>Implementations must be thread-safe: the generator reads {@link #validUntilMillis()} on every
 * ID from any thread, while a renewal thread may move it forward. All times are Unix milliseconds
 * read from the {@link java.time.Clock} passed to {@link WorkerIdAssigner#acquire}.
 */
public interface WorkerIdLease {

    /** The value of {@link #lastTimestampMillis()} when no earlier holder stored a timestamp. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * Returns the worker id.
     *
     * @return the worker id, within the range asked for
     */
    long workerId();

    /**
     * Returns the latest timestamp that an earlier holder of this worker id may have used, as stored
     * with the lease. The generator issues IDs only with later timestamps: it waits if its clock is
     * behind by no more than its tolerance, and refuses otherwise.
     *
     * @return Unix milliseconds, or {@link #NO_TIMESTAMP}
     */
    long lastTimestampMillis();

    /**
     * Returns the last millisecond in which IDs may be issued under this lease. It is set a safety
     * margin before the lease could expire in the store, and recorded in the store as the highest
     * timestamp this holder may use, so that the next holder starts after it. A renewal moves it
     * forward; a lost or released lease returns {@link Long#MIN_VALUE}.
     *
     * @return Unix milliseconds; {@link Long#MAX_VALUE} if the lease never expires
     */
    long validUntilMillis();

    /**
     * Returns the exception that explains why the lease is not valid at {@code nowMillis}. Called
     * only after {@link #validUntilMillis()} was found to be in the past.
     *
     * @param nowMillis the clock reading that was past the deadline
     * @return the exception to throw, naming the worker id and the times
     */
    WorkerIdLeaseLostException lossAt(long nowMillis);

    /**
     * Gives the worker id back and stops renewing it. Records {@code lastIssuedMillis} as the last
     * timestamp used, so the next holder does not reuse it. Idempotent.
     *
     * @param lastIssuedMillis the timestamp of the last ID issued, or the value of {@link
     *     #lastTimestampMillis()} if none was
     */
    void release(long lastIssuedMillis);
}
