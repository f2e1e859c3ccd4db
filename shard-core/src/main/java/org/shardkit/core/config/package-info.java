/**
 * Immutable configuration of a sharded database, read from YAML (with {@code ${VAR}} and
 * {@code ${VAR:-default}} substitution from the environment) or built in Java. Configuration
 * objects are values with builders ({@code toBuilder()} for a changed copy); the runtime object is
 * {@link org.shardkit.core.ShardedDatabase}. Every bound is written once, in the builders; the YAML
 * reader ({@code ConfigReader}, binding sections with {@code YamlSection}) reports what they refuse
 * with the key's path and line.
 */
@NullMarked
package org.shardkit.core.config;

import org.jspecify.annotations.NullMarked;
