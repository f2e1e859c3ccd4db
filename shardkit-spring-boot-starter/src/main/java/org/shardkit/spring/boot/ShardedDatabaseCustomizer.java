package org.shardkit.spring.boot;

import org.shardkit.core.ShardedDatabaseBuilder;

/**
 * A bean that adds to the {@link ShardedDatabaseBuilder} of the auto-configured database what the
 * configuration does not hold: Jdbi plugins and mappers, a scatter executor, a clock. The starter has
 * already given the builder the application's {@code MeterRegistry}, if there is one; setting it
 * again is refused. Customizers run in {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * ShardedDatabaseCustomizer agentMappers() {
 *     return builder -> builder.configureJdbi(jdbi -> jdbi.registerRowMapper(AGENT_MAPPER));
 * }
 * }</pre>
 *
 * <p>Implementations are called once, on the thread that creates the database.
 */
@FunctionalInterface
public interface ShardedDatabaseCustomizer {
    /**
     * Customizes the builder.
     *
     * @param builder the builder of the database the starter is about to build
     */
    void customize(ShardedDatabaseBuilder builder);
}
