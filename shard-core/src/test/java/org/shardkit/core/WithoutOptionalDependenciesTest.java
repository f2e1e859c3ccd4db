package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;

/**
 * shard-core on a class path without its optional dependencies, shard-cache and Jedis, as an
 * application that declares neither has it: run by the surefire execution {@code
 * without-optional-dependencies}, which removes both from the class path. What works works, and
 * what needs them says what to add.
 */
class WithoutOptionalDependenciesTest {
    private static final String SHARD0 =
            "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://127.0.0.1:1/none\n"
                    + "      user: u\n";

    @Test
    void classPath_hasNeitherShardCacheNorJedis() {
        assertThatThrownBy(() -> Class.forName("org.shardkit.cache.CacheSettings"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(WorkerIds.JEDIS_CLASS)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void configWithoutACacheSection_readsAndPrints() {
        ShardkitConfig config = ShardkitConfig.fromYaml(SHARD0, Map.of());

        assertThat(config.cache()).isNull();
        assertThat(config.toString()).contains("shards=");
        assertThat(config).isEqualTo(ShardkitConfig.fromYaml(SHARD0, Map.of()));
    }

    @Test
    void configClasses_canBeIntrospected_asSpringDoesWithABeansClass() throws Exception {
        for (Class<?> type : List.of(ShardkitConfig.class, ShardkitConfig.Builder.class)) {
            assertThat(type.getDeclaredMethods()).as("%s methods", type).isNotEmpty();
            assertThat(type.getDeclaredFields()).as("%s fields", type).isNotEmpty();
            assertThat(type.getDeclaredConstructors())
                    .as("%s constructors", type)
                    .isNotEmpty();
            for (Method m : type.getDeclaredMethods()) {
                assertThat(m.getGenericReturnType()).as("%s", m).isNotNull();
                assertThat(m.getGenericParameterTypes()).as("%s", m).isNotNull();
            }
        }
        assertThat(Introspector.getBeanInfo(ShardkitConfig.class).getMethodDescriptors())
                .isNotEmpty();
    }

    @Test
    void cacheSection_isAProblemThatSaysWhatToAdd() {
        assertThatThrownBy(() -> ShardkitConfig.fromYaml(SHARD0 + "cache:\n  keyPrefix: x\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cache: needs org.shardkit:shard-cache on the class path");
    }

    @Test
    void redisWorkerIds_failTheStartSayingWhatToAdd_andOtherSourcesStart() {
        EndpointConfig nowhere = EndpointConfig.of("jdbc:postgresql://127.0.0.1:1/none", "u", Secret.empty());
        ShardkitConfig base = ShardkitConfig.builder()
                .shard(ShardConfig.builder(0, "s0", nowhere)
                        .pool(TestConfigs.pool(1, java.time.Duration.ofMillis(300)).toBuilder()
                                .minimumIdle(0)
                                .build())
                        .build())
                .startup(StartupMode.LAZY)
                .build();
        ShardkitConfig redis = base.toBuilder()
                .idgen(IdGenConfig.builder()
                        .source(IdGenConfig.Source.REDIS)
                        .redis(URI.create("redis://127.0.0.1:1"))
                        .build())
                .build();

        assertThatThrownBy(() -> ShardedDatabase.create(redis))
                .isInstanceOf(ShardkitException.class)
                .hasMessageStartingWith(
                        "idgen.workerId.source is redis, but redis.clients:jedis is not on the class path");
        try (ShardedDatabase db = ShardedDatabase.create(base.toBuilder()
                .idgen(IdGenConfig.builder().workerId(5).build())
                .build())) {
            assertThat(db.ids().workerId()).isEqualTo(5);
        }
    }
}
