/**
 * Worker-id leases for {@link org.shardkit.idgen.IdGenerator} kept in PostgreSQL ({@link
 * org.shardkit.core.idgen.PostgresWorkerIdAssigner}) or Redis ({@link
 * org.shardkit.core.idgen.RedisWorkerIdAssigner}), renewed by heartbeat, with the last issued
 * timestamp stored beside each lease.
 */
@NullMarked
package org.shardkit.core.idgen;

import org.jspecify.annotations.NullMarked;
