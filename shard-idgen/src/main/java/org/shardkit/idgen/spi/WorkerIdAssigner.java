package org.shardkit.idgen.spi;

import java.time.Clock;

/**
 * Assigns worker ids to generators: a fixed id ({@link StaticWorkerIdAssigner}), or a lease from a
 * shared store so that no two live processes hold the same id (shard-core has PostgreSQL and Redis
 * implementations).
 *
 * <p>Implementations must be thread-safe; one assigner may serve many generators.
 */
@FunctionalInterface
public interface WorkerIdAssigner {

    /**
     * Acquires a worker id in {@code [0, maxWorkerId]}.
     *
     * @param maxWorkerId the largest worker id the generator's layout can hold
     * @param clock the generator's clock, used for every time of the lease
     * @return the lease, which the caller must {@linkplain WorkerIdLease#release release}
     * @throws org.shardkit.idgen.WorkerIdUnavailableException if no worker id is free or the store
     *     failed
     * @throws IllegalArgumentException if a fixed worker id is out of range
     */
    WorkerIdLease acquire(long maxWorkerId, Clock clock);
}
