/**
 * The shard runtime a service embeds: {@link org.shardkit.core.ShardedDatabase}, built from a
 * {@link org.shardkit.core.config.ShardkitConfig}, with per-shard HikariCP pools and Jdbi instances,
 * shard-pinned transactions, scatter-gather and ID generation.
 *
 * <p>{@code ShardedDatabase} is a façade; each concern behind it is one package-private class:
 *
 * <ul>
 *   <li>{@code ShardSet}: the shards of a database (pools, replica sets, guards, gauges), built from
 *       the configuration, looked up by id, closed together; {@code Shard} is one of them, {@code
 *       ShardPool} one HikariCP pool with its Jdbi and session settings, {@code ReplicaSet} a shard's
 *       replicas with weighted choice and cool-down.
 *   <li>{@code ShardGuard}: what stands around each call on a shard: breaker, bulkheads, timers.
 *   <li>{@code CallPath}: the way of one call: join the thread's transaction or pass the guard, then
 *       the primary, or a replica with failover; {@code PoolWork} is work bound to a handle or a
 *       bare connection.
 *   <li>{@code Transactions}: the transaction each thread has open on this database.
 *   <li>{@code SqlFailures}: whether a failure means the shard is unreachable or the statement
 *       failed.
 *   <li>{@code ScatterEngine} and {@code ScatterTask}: one function on many shards under one
 *       deadline.
 *   <li>{@code Startup}: the start sequence after the shards exist, stopping what started if a step
 *       fails.
 *   <li>{@code StartupCheck}, {@code StartupLog}, {@code HealthProbe}, {@code Migrations}, {@code
 *       WorkerIds}: the eager start, the start log line, health probes, Flyway, and the ID generator.
 *   <li>{@code SlowQueryLogger}: the slow-query log; {@code PoolGauges}: pool utilisation and health;
 *       {@code Meters}: the name of every meter and tag.
 * </ul>
 */
@NullMarked
package org.shardkit.core;

import org.jspecify.annotations.NullMarked;
