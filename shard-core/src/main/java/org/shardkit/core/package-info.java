/**
 * The shard runtime a service embeds: YAML configuration, per-shard HikariCP pools and Jdbi instances, shard-pinned transactions and scatter-gather.
 */
@NullMarked
package org.shardkit.core;

import org.jspecify.annotations.NullMarked;
