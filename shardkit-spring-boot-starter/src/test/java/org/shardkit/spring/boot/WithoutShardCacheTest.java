package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link ShardkitConfig} is a Spring bean like any other in an application without shard-cache
 * (the starter's class path has none: shard-core declares it optional). Spring introspects a bean's
 * class, so {@code ShardkitConfig} must name no type of shard-cache. The databases start lazily
 * against nothing: no server is needed.
 */
class WithoutShardCacheTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("org.shardkit.social"))
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));

    @Test
    void classPath_hasNoShardCache() {
        assertThatThrownBy(() -> Class.forName("org.shardkit.cache.CacheSettings"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void configFromKeys_isABean_andTheDatabaseIsBuiltFromIt() {
        runner.withPropertyValues(
                        "shardkit.shards[0].id=0",
                        "shardkit.shards[0].name=keys_0",
                        "shardkit.shards[0].primary.url=jdbc:postgresql://127.0.0.1:1/none",
                        "shardkit.shards[0].primary.user=u",
                        "shardkit.pool.minimumIdle=0",
                        "shardkit.startup=lazy")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ShardkitConfig.class);
                    ShardkitConfig config = context.getBean(ShardkitConfig.class);
                    assertThat(config.cache()).isNull();
                    assertThat(config.shard(0).name()).isEqualTo("keys_0");
                    assertThat(context.getBean(ShardedDatabase.class).config()).isSameAs(config);
                });
    }

    @Test
    void applicationsConfigBean_replacesTheKeys_andTheDatabaseIsBuiltFromIt() {
        runner.withUserConfiguration(OwnConfig.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ShardkitConfig.class);
            assertThat(context.getBean(ShardedDatabase.class).shardName(org.shardkit.core.ShardId.of(0)))
                    .isEqualTo("java_0");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConfig {
        @Bean
        ShardkitConfig myShardkitConfig() {
            return ShardkitConfig.builder()
                    .shard(ShardConfig.builder(
                                    0,
                                    "java_0",
                                    EndpointConfig.of("jdbc:postgresql://127.0.0.1:1/none", "u", Secret.empty()))
                            .pool(PoolConfig.builder()
                                    .minimumIdle(0)
                                    .connectionTimeout(Duration.ofMillis(250))
                                    .build())
                            .build())
                    .startup(StartupMode.LAZY)
                    .build();
        }
    }
}
