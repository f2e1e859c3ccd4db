/**
 * The extension point for assigning worker ids: {@link org.shardkit.idgen.spi.WorkerIdAssigner}
 * hands out {@link org.shardkit.idgen.spi.WorkerIdLease}s; a fixed id is built in, leases in
 * PostgreSQL and Redis live in shard-core.
 */
@NullMarked
package org.shardkit.idgen.spi;

import org.jspecify.annotations.NullMarked;
