/**
 * Observability of a sharded database: shard and pool health with advice, and the breaker state. Timers,
 * breaker states and HikariCP's pool metrics go to the Micrometer registry given to {@link
 * org.shardkit.core.ShardedDatabaseBuilder#meterRegistry}.
 */
@NullMarked
package org.shardkit.core.metrics;

import org.jspecify.annotations.NullMarked;
