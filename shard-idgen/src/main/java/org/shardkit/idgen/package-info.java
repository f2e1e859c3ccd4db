/**
 * 64-bit snowflake-style ID generation: layout, generator, decoding and worker-id assignment. Pure
 * Java; no JDBC or Redis types.
 *
 * <h2>Bit layout</h2>
 *
 * <p>By default ({@link org.shardkit.idgen.IdLayout#ofDefaults()}): a zero sign bit, 41 bits of
 * milliseconds since the epoch (about 69.7 years), 10 bits of worker id (1,024 workers) and 12 bits
 * of sequence (4,096 IDs per millisecond per worker, so 4.096M IDs/s per generator at most). Other
 * splits are allowed if they add up to 63 bits.
 *
 * <h2>Choosing an epoch</h2>
 *
 * <p>Pick an instant shortly before the first ID is issued, and never change it: IDs issued under
 * two epochs can collide. The generator refuses an epoch in the future, and one so old that the
 * timestamp no longer fits.
 *
 * <h2>Choosing a worker-id assigner</h2>
 *
 * <ul>
 *   <li>{@link org.shardkit.idgen.spi.StaticWorkerIdAssigner} (or {@code builder().workerId(n)}) when
 *       deployment already gives each process a unique number, such as a StatefulSet ordinal. Nothing
 *       is remembered across restarts, so a restart with the clock behind the last ID is not caught.
 *   <li>shard-core's {@code PostgresWorkerIdAssigner} or {@code RedisWorkerIdAssigner} when
 *       processes come and go: each leases the lowest free id, renews it by heartbeat, stops issuing
 *       IDs a safety margin before the lease could expire, and stores the highest timestamp it may
 *       use, so the next holder never reuses one.
 * </ul>
 *
 * <h2>When the clock steps back</h2>
 *
 * <p>If the clock is behind the last issued timestamp by at most the tolerance (default 10 ms), the
 * generator waits for it to catch up. If it is further behind, {@link
 * org.shardkit.idgen.ClockMovedBackwardsException} is thrown, with the drift, until the clock passes
 * the last issued timestamp; no ID is ever repeated. The same holds at start, against the timestamp
 * stored with a leased worker id.
 */
@NullMarked
package org.shardkit.idgen;

import org.jspecify.annotations.NullMarked;
