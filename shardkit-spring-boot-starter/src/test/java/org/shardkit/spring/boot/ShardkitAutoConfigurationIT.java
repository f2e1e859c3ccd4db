package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The starter in a real Spring Boot application context (Actuator's health endpoint and metrics
 * included) over two real PostgreSQL shards from the test kit.
 */
class ShardkitAutoConfigurationIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    /**
     * An application without the repository module (its {@code SocialRepository} needs the outbox,
     * which is not built yet; see {@code SocialRepositoryAutoConfigurationIT}).
     */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("org.shardkit.social"))
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class,
                    ShardkitAutoConfiguration.class,
                    ShardkitHealthContributorAutoConfiguration.class));

    /** The properties of both shards, passwords as {@code ${VAR}} resolved from other properties. */
    static String[] shardProperties() {
        return shardProperties(servers);
    }

    /** The properties of the shards of {@code servers}, as {@link #shardProperties()}. */
    static String[] shardProperties(ShardServersExtension servers) {
        List<String> out = new ArrayList<>();
        for (TestShard s : servers.shards()) {
            String at = "shardkit.shards[" + s.index() + "].";
            out.add(at + "id=" + s.index());
            out.add(at + "name=social_" + s.index());
            out.add(at + "primary.url=" + s.jdbcUrl());
            out.add(at + "primary.user=" + s.user());
            if (!s.password().isEmpty()) {
                out.add(at + "primary.password=${SHARD_PASSWORD_" + s.index() + "}");
                out.add("SHARD_PASSWORD_" + s.index() + "=" + s.password());
            }
        }
        out.add("shardkit.pool.maximumSize=2");
        out.add("shardkit.pool.minimumIdle=0");
        return out.toArray(String[]::new);
    }

    private static HealthComponent health(AssertableApplicationContext context, String... path) {
        HealthComponent h = context.getBean(HealthEndpoint.class).healthForPath(path);
        assertThat(h).as("health of %s", String.join("/", path)).isNotNull();
        return h;
    }

    @Test
    void shardkitKeys_wireDatabaseConfigMetersAndHealth_allUp() {
        runner.withPropertyValues(shardProperties()).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ShardedDatabase.class);
            ShardedDatabase db = context.getBean(ShardedDatabase.class);
            assertThat(db.shardIds()).hasSize(2);
            assertThat(db.config().shard(0).pool().maximumSize()).isEqualTo(2);
            assertThat(db.<Integer, RuntimeException>withShardId(
                            ShardId.of(1),
                            h -> h.createQuery("SELECT 7").mapTo(Integer.class).one()))
                    .isEqualTo(7);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("shardkit.query").tag("shard", "1").timers())
                    .isNotEmpty();
            assertThat(registry.find("shardkit.breaker.state").gauges()).hasSize(2);

            CompositeHealth shardkit = (CompositeHealth) health(context, "shardkit");
            assertThat(shardkit.getStatus()).isEqualTo(Status.UP);
            assertThat(shardkit.getComponents()).containsOnlyKeys("social_0", "social_1");
            Health shard0 = (Health) health(context, "shardkit", "social_0");
            assertThat(shard0.getStatus()).isEqualTo(Status.UP);
            assertThat(shard0.getDetails())
                    .containsEntry("shard", 0)
                    .containsEntry("name", "social_0")
                    .containsEntry("breaker", "CLOSED")
                    .containsEntry("degraded", false)
                    .containsKeys("latencyMillis", "pool");
            @SuppressWarnings("unchecked")
            Map<String, Object> pool = (Map<String, Object>) shard0.getDetails().get("pool");
            assertThat(pool).containsEntry("maximumSize", 2).containsEntry("level", "HEALTHY");
        });
    }

    @Test
    void contextClose_closesDatabase() {
        ShardedDatabase[] held = new ShardedDatabase[1];
        runner.withPropertyValues(shardProperties()).run(context -> held[0] = context.getBean(ShardedDatabase.class));
        assertThatThrownBy(() -> held[0].shardName(ShardId.of(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void stoppedShard_isDown_othersStayUp() {
        servers.assumeRestartableServers();
        runner.withPropertyValues(shardProperties()).run(context -> {
            assertThat(health(context, "shardkit").getStatus()).isEqualTo(Status.UP);
            servers.shard(1).stopServer();
            try {
                Health shard1 = (Health) health(context, "shardkit", "social_1");
                assertThat(shard1.getStatus()).isEqualTo(Status.DOWN);
                assertThat(shard1.getDetails()).containsKey("error").containsEntry("name", "social_1");
                assertThat(health(context, "shardkit", "social_0").getStatus()).isEqualTo(Status.UP);
                assertThat(health(context, "shardkit").getStatus()).isEqualTo(Status.DOWN);
            } finally {
                servers.shard(1).startServer();
            }
            assertThat(health(context, "shardkit", "social_1").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void unknownKey_failsStartup_withOurMessageNamingTheKey() {
        runner.withPropertyValues(shardProperties())
                .withPropertyValues("shardkit.pool.maximumPoolSize=20")
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining(
                                "invalid shardkit configuration (Spring properties shardkit.*), 1 problem")
                        .hasMessageContaining("shardkit.pool.maximumPoolSize: unknown key (known: ")
                        .hasMessageContaining("maximumSize"));
    }

    @Test
    void badValues_areAllReported_withTheirOrigin() {
        runner.withPropertyValues(shardProperties())
                .withPropertyValues("shardkit.pool.maximumSize=20000", "shardkit.topology.bucketCount=1000")
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining("2 problems")
                        .hasMessageContaining("shardkit.pool.maximumSize: must be <= 10000, but was 20000 [")
                        .hasMessageContaining("shardkit.topology.bucketCount: must be a power of two, but was 1000"));
    }

    @Test
    void literalPassword_isRefused_withoutEchoingIt() {
        runner.withPropertyValues(shardProperties())
                .withPropertyValues("shardkit.shards[0].primary.password=hunter2-secret")
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining(
                                "shardkit.shards[0].primary.password: must come from the environment (${VAR})")
                        .message()
                        .doesNotContain("hunter2-secret"));
    }

    @Test
    void noShardkitKeys_failsStartup_sayingWhatToSet() {
        runner.run(context -> StartupFailures.configurationFailure(context)
                .hasMessageContaining("shardkit: missing: give the shardkit configuration under shardkit")
                .hasMessageContaining("shardkit.enabled=false"));
    }

    @Test
    void disabled_configuresNothing() {
        runner.withPropertyValues("shardkit.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ShardedDatabase.class)
                        .doesNotHaveBean("shardkitHealthContributor"));
    }

    @Test
    void applicationYaml_isReadWithItsListsAndEmptySections() throws IOException {
        // The file gives no password (embedded servers trust local logins); a list comes whole from
        // one source, so a password could not be added to its shards from another.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                servers.shards().stream().allMatch(s -> s.password().isEmpty()), "servers need a password");
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application-shardkit", new ClassPathResource("application-shardkit.yml"));
        List<String> urls = new ArrayList<>();
        for (TestShard s : servers.shards()) {
            urls.add("SHARD_URL_" + s.index() + "=" + s.jdbcUrl());
            urls.add("SHARD_USER=" + s.user());
        }
        runner.withInitializer(c -> yaml.forEach(c.getEnvironment().getPropertySources()::addFirst))
                .withPropertyValues(urls.toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ShardkitConfig config =
                            context.getBean(ShardedDatabase.class).config();
                    assertThat(config.shards()).extracting(ShardConfig::name).containsExactly("social_0", "social_1");
                    assertThat(config.shard(0).replicas()).isEmpty();
                    assertThat(config.shard(1).pool().maximumSize()).isEqualTo(3);
                    assertThat(config.topology().strategy().name()).isEqualToIgnoringCase("jump");
                    assertThat(config.breaker().openDuration()).hasSeconds(7);
                    assertThat(health(context, "shardkit").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void applicationYaml_badKey_namesItsFileAndLine() throws IOException {
        List<PropertySource<?>> yaml =
                new YamlPropertySourceLoader().load("application-bad", new ClassPathResource("application-bad.yml"));
        runner.withInitializer(c -> yaml.forEach(c.getEnvironment().getPropertySources()::addFirst))
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining("shardkit.breaker.openDurationSeconds: unknown key")
                        .hasMessageContaining("class path resource [application-bad.yml] - 9:"));
    }

    @Test
    void configFile_isReadWithShardkitsOwnReader(@TempDir Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("shards:\n");
        for (TestShard s : servers.shards()) {
            yaml.append("  - id: ").append(s.index()).append('\n');
            yaml.append("    name: file_").append(s.index()).append('\n');
            yaml.append("    primary:\n");
            yaml.append("      url: \"").append(s.jdbcUrl()).append("\"\n");
            yaml.append("      user: ").append(s.user()).append('\n');
            if (!s.password().isEmpty()) {
                Files.writeString(dir.resolve("pw" + s.index()), s.password(), StandardCharsets.UTF_8);
                yaml.append("      passwordFile: pw").append(s.index()).append('\n');
            }
        }
        yaml.append("pool:\n  maximumSize: 2\n  minimumIdle: 0\n");
        Path file = Files.writeString(dir.resolve("shardkit.yaml"), yaml, StandardCharsets.UTF_8);
        runner.withPropertyValues("shardkit.config=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            ShardedDatabase db = context.getBean(ShardedDatabase.class);
            assertThat(db.shardName(ShardId.of(1))).isEqualTo("file_1");
            assertThat(((CompositeHealth) health(context, "shardkit")).getComponents())
                    .containsOnlyKeys("file_0", "file_1");
        });
    }

    @Test
    void configFileAndKeys_failStartup() {
        runner.withPropertyValues(shardProperties())
                .withPropertyValues("shardkit.config=/nowhere/shardkit.yaml")
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining(
                                "shardkit.config: give shardkit.config or shardkit configuration keys, not both"));
    }

    @Test
    void migrateEnabled_appliesMigrationsToEveryShard() {
        // Flyway holds more than two connections of a shard's pool at once (its lock and its work).
        runner.withPropertyValues(shardProperties())
                .withPropertyValues(
                        "shardkit.pool.maximumSize=4",
                        "shardkit.migrate.enabled=true",
                        "shardkit.migrate.locations=classpath:db/starter-test")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ShardedDatabase db = context.getBean(ShardedDatabase.class);
                    for (ShardId id : db.shardIds()) {
                        assertThat(db.<Integer, RuntimeException>withShardId(
                                        id,
                                        h -> h.createQuery("SELECT count(*) FROM starter_probe")
                                                .mapTo(Integer.class)
                                                .one()))
                                .isEqualTo(1);
                    }
                });
    }

    @Test
    void userDefinedDatabase_wins_andNeedsNoShardkitKeys() {
        runner.withUserConfiguration(OwnDatabase.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ShardedDatabase.class);
            assertThat(context.getBean(ShardedDatabase.class).shardName(ShardId.of(0)))
                    .isEqualTo("own_0");
            assertThat(context).hasBean("shardkitHealthContributor");
            assertThat(context.getBean("shardkitHealthContributor", HealthContributor.class))
                    .isNotNull();
            assertThat(((CompositeHealth) health(context, "shardkit")).getComponents())
                    .containsOnlyKeys("own_0");
        });
    }

    @Test
    void customizers_seeTheBuilder() {
        runner.withPropertyValues(shardProperties())
                .withUserConfiguration(Customized.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Customized.class).called).isTrue();
                });
    }

    static ShardkitConfig ownConfig() {
        return ownConfig(servers);
    }

    /** One shard, {@code own_0}, on the first server of {@code servers}. */
    static ShardkitConfig ownConfig(ShardServersExtension servers) {
        TestShard s = servers.shard(0);
        return ShardkitConfig.builder()
                .shard(ShardConfig.of(0, "own_0", EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password()))))
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDatabase {
        @Bean(destroyMethod = "close")
        ShardedDatabase myDatabase() {
            return ShardedDatabase.create(ownConfig());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customized {
        boolean called;

        @Bean
        ShardedDatabaseCustomizer marker() {
            return builder -> called = true;
        }
    }
}
