package org.shardkit.idgen.spi;

import java.time.Clock;
import org.shardkit.idgen.WorkerIdLeaseLostException;

/**
 * Assigns one fixed worker id, for deployments that give each process its id by configuration. The
 * lease never expires and no timestamp is remembered across restarts. Immutable and thread-safe.
 *
 * <pre>{@code
 * IdGenerator ids = IdGenerator.builder().workerIdAssigner(StaticWorkerIdAssigner.of(7)).build();
 * }</pre>
 */
public final class StaticWorkerIdAssigner implements WorkerIdAssigner {
    private final long workerId;

    private StaticWorkerIdAssigner(long workerId) {
        this.workerId = workerId;
    }

    /**
     * Returns an assigner of the given worker id.
     *
     * @param workerId the worker id, at least 0; its upper bound is checked against the layout on
     *     {@link #acquire}
     * @return the assigner
     * @throws IllegalArgumentException if {@code workerId} is negative
     */
    public static StaticWorkerIdAssigner of(long workerId) {
        if (workerId < 0) {
            throw new IllegalArgumentException("workerId must be at least 0, but was " + workerId);
        }
        return new StaticWorkerIdAssigner(workerId);
    }

    /**
     * Returns the worker id this assigner gives.
     *
     * @return the worker id
     */
    public long workerId() {
        return workerId;
    }

    /**
     * Returns a never-expiring lease of the fixed worker id.
     *
     * @throws IllegalArgumentException if the worker id is greater than {@code maxWorkerId}
     */
    @Override
    public WorkerIdLease acquire(long maxWorkerId, Clock clock) {
        if (workerId > maxWorkerId) {
            throw new IllegalArgumentException("workerId must be in [0, " + maxWorkerId + "], but was " + workerId);
        }
        return new Lease(workerId);
    }

    @Override
    public String toString() {
        return "StaticWorkerIdAssigner[workerId=" + workerId + "]";
    }

    private static final class Lease implements WorkerIdLease {
        private final long workerId;
        private volatile long validUntil = Long.MAX_VALUE;

        Lease(long workerId) {
            this.workerId = workerId;
        }

        @Override
        public long workerId() {
            return workerId;
        }

        @Override
        public long lastTimestampMillis() {
            return NO_TIMESTAMP;
        }

        @Override
        public long validUntilMillis() {
            return validUntil;
        }

        @Override
        public WorkerIdLeaseLostException lossAt(long nowMillis) {
            return new WorkerIdLeaseLostException(workerId, "static worker id " + workerId + " was released");
        }

        @Override
        public void release(long lastIssuedMillis) {
            validUntil = Long.MIN_VALUE;
        }
    }
}
