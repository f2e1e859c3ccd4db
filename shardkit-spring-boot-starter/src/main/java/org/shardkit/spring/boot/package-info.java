/**
 * Spring Boot auto-configuration for shardkit: a {@link org.shardkit.core.ShardedDatabase} bean read
 * from the {@code shardkit:} keys of the application's configuration (by shard-core's own YAML
 * reader, so the keys and messages are those of {@code docs/configuration.md}) or from a shardkit
 * YAML file named by {@code shardkit.config}; its meters in the application's {@code MeterRegistry};
 * one Actuator health entry per shard; optional Flyway migrations at startup. Every bean backs off
 * when the application defines its own. See {@code docs/spring-boot.md}.
 */
@NullMarked
package org.shardkit.spring.boot;

import org.jspecify.annotations.NullMarked;
