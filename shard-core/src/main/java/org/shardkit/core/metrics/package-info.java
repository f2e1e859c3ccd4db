/**
 * Observability of a sharded database: pool health with advice, and the slow-query log. Timers,
 * breaker states and HikariCP's pool metrics go to the Micrometer registry given to {@link
 * org.shardkit.core.ShardedDatabase.Builder#meterRegistry}.
 */
@NullMarked
package org.shardkit.core.metrics;

import org.jspecify.annotations.NullMarked;
