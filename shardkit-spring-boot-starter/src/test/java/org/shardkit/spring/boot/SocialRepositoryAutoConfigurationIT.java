package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.CrossShardMode;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.ShardServersExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@link SocialRepository} bean, present exactly when {@code org.shardkit:repository} is. */
class SocialRepositoryAutoConfigurationIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class))
            .withPropertyValues(ShardkitAutoConfigurationIT.shardProperties(servers));

    @Test
    void withoutRepositoryModule_noSocialRepositoryBean() {
        runner.withClassLoader(new FilteredClassLoader("org.shardkit.social"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(ShardedDatabase.class)
                        .doesNotHaveBean("socialRepository"));
    }

    @Test
    void withRepositoryModule_socialRepositoryBean_inTheDatabasesMode() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SocialRepository.class);
            assertThat(context.getBean(SocialRepository.class).crossShardMode()).isEqualTo(CrossShardMode.OUTBOX);
        });
    }
}
