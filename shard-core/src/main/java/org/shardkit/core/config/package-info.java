/**
 * Immutable configuration of a sharded database, read from YAML (with {@code ${VAR}} and
 * {@code ${VAR:-default}} substitution from the environment) or built in Java. Configuration
 * objects are values; the runtime object is {@link org.shardkit.core.ShardedDatabase}.
 */
@NullMarked
package org.shardkit.core.config;

import org.jspecify.annotations.NullMarked;
