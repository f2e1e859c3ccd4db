package org.shardkit.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code shardkit} health contributor when Actuator is on the class path: one
 * entry per shard, named by the shard's configured name, each a {@link ShardHealthIndicator}.
 * {@code management.health.shardkit.enabled=false} turns it off; a bean named {@code
 * shardkitHealthContributor} replaces it.
 *
 * <p>Thread-safe: Spring calls it once, at startup.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(ShardedDatabase.class)
@ConditionalOnEnabledHealthIndicator("shardkit")
public class ShardkitHealthContributorAutoConfiguration {

    /** Created by Spring. */
    public ShardkitHealthContributorAutoConfiguration() {}

    /**
     * Returns the composite of every shard's health.
     *
     * @param db the database
     * @return one {@link HealthIndicator} per shard, by shard name
     */
    @Bean
    @ConditionalOnMissingBean(name = "shardkitHealthContributor")
    public HealthContributor shardkitHealthContributor(ShardedDatabase db) {
        Map<String, HealthIndicator> shards = new LinkedHashMap<>();
        for (ShardId id : db.shardIds()) {
            shards.put(db.shardName(id), new ShardHealthIndicator(db, id));
        }
        return CompositeHealthContributor.fromMap(shards);
    }
}
