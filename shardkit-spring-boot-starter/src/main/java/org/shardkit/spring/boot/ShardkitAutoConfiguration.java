package org.shardkit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardedDatabaseBuilder;
import org.shardkit.core.config.ConfigProblem;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.social.SocialRepository;
import org.shardkit.social.SocialRepositoryBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configures a {@link ShardedDatabase} from a {@link ShardkitConfig} bean: the application's, or
 * one read from the {@code shardkit} keys of the application's configuration or from the shardkit
 * YAML file {@code shardkit.config} names; with the application's {@link MeterRegistry} when it has one, Flyway
 * migrations at startup when {@code shardkit.migrate.enabled}, and a {@link SocialRepository} when
 * {@code org.shardkit:repository} is on the class path. When the context closes, the repository
 * drains its write queue first, then the database is closed. Each bean backs off when the
 * application defines one of its type; {@code shardkit.enabled=false} turns everything off.
 *
 * <p>Thread-safe: Spring calls it once, at startup.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnProperty(prefix = ShardkitProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShardkitProperties.class)
public class ShardkitAutoConfiguration {

    /** Created by Spring. */
    public ShardkitAutoConfiguration() {}

    /**
     * The configuration and the database, unless the application defines its own database. The
     * configuration is a bean of its own, which an application's {@link ShardkitConfig} bean replaces
     * (to build it in Java); shard-cache need not be on the class path for it ({@link
     * ShardkitConfig#cache()} returns a type of shard-core).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(ShardedDatabase.class)
    static class DatabaseConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ShardkitConfig shardkitConfig(ShardkitProperties properties, ConfigurableEnvironment environment) {
            return readConfig(properties, environment);
        }

        @Bean(destroyMethod = "close")
        ShardedDatabase shardedDatabase(
                ShardkitConfig config,
                ShardkitProperties properties,
                ObjectProvider<MeterRegistry> registry,
                ObjectProvider<ShardedDatabaseCustomizer> customizers) {
            ShardedDatabaseBuilder builder = ShardedDatabase.builder(config);
            registry.ifAvailable(builder::meterRegistry);
            customizers.orderedStream().forEach(c -> c.customize(builder));
            ShardedDatabase db = builder.build();
            ShardkitProperties.Migrate migrate = properties.getMigrate();
            if (migrate.isEnabled()) {
                try {
                    db.migrate(migrate.getLocations().toArray(String[]::new));
                } catch (RuntimeException e) {
                    db.close(); // not yet a bean: Spring would not close it
                    throw e;
                }
            }
            return db;
        }
    }

    /**
     * The repository of the social domain, when {@code org.shardkit:repository} is on the class path,
     * with its {@code shardkit.social} keys ({@link SocialProperties}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.shardkit.social.SocialRepository")
    @EnableConfigurationProperties(SocialProperties.class)
    static class SocialRepositoryConfiguration {

        /** Unless the application defines its own repository (and closes it itself). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnMissingBean(SocialRepository.class)
        static class Repository {

            /**
             * The repository: its keys are read first (a bad one fails the startup before anything is
             * built), then the schema is migrated if asked, then the repository is built, which replays
             * its write journal. Closed by {@link SocialRepositoryDrain}; its own {@code close} here is
             * a no-op backstop (closing is idempotent).
             */
            @Bean(destroyMethod = "close")
            SocialRepository socialRepository(
                    ShardedDatabase db,
                    SocialProperties properties,
                    ConfigurableEnvironment environment,
                    ObjectProvider<MeterRegistry> registry) {
                SocialWriteSettings writes = SocialWriteSettings.read(properties, environment);
                if (properties.isMigrate()) {
                    SocialRepository.migrate(db);
                }
                SocialRepositoryBuilder b = SocialRepository.builder(db);
                registry.ifAvailable(b::meterRegistry);
                writes.applyTo(b);
                return b.build();
            }

            @Bean
            SocialRepositoryDrain socialRepositoryDrain(SocialRepository socialRepository) {
                return new SocialRepositoryDrain(socialRepository);
            }
        }
    }

    /**
     * Reads the configuration: the file {@code shardkit.config} names, or the {@code shardkit} keys of
     * the environment, never both.
     *
     * @throws ConfigurationException with every problem of the configuration, or when there is none
     */
    static ShardkitConfig readConfig(ShardkitProperties properties, ConfigurableEnvironment environment) {
        List<EnvironmentConfigReader.Raw> keys = EnvironmentConfigReader.shardkitKeys(environment);
        Path file = properties.getConfig();
        if (file != null) {
            if (!keys.isEmpty()) {
                throw new ConfigurationException(
                        EnvironmentConfigReader.SOURCE,
                        List.of(new ConfigProblem(
                                "shardkit.config",
                                "give shardkit.config or shardkit configuration keys, not both, but "
                                        + keys.get(0).name() + " is set too ["
                                        + keys.get(0).where() + "]",
                                0)));
            }
            return ShardkitConfig.fromYaml(file);
        }
        if (keys.isEmpty()) {
            throw new ConfigurationException(
                    EnvironmentConfigReader.SOURCE,
                    List.of(new ConfigProblem(
                            "shardkit",
                            "missing: give the shardkit configuration under shardkit (shardkit.shards, ...),"
                                    + " or shardkit.config naming a shardkit YAML file,"
                                    + " or set shardkit.enabled=false",
                            0)));
        }
        return EnvironmentConfigReader.read(keys, environment);
    }
}
