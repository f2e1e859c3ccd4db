package org.shardkit.spring.boot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A list under {@code shardkit.} whose indexes skip one fails the startup with shard-core's {@link
 * org.shardkit.core.config.ConfigurationException} naming the missing element and where the next one
 * was written. No server is needed: the configuration is refused before any connection.
 */
class ListIndexGapTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("org.shardkit.social"))
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));

    private static String[] shard(int index) {
        String at = "shardkit.shards[" + index + "].";
        return new String[] {
            at + "id=" + index,
            at + "name=s" + index,
            at + "primary.url=jdbc:postgresql://127.0.0.1:1/none",
            at + "primary.user=u"
        };
    }

    @Test
    void shardsWithoutIndexOne_failStartup_namingTheMissingElement() {
        runner.withPropertyValues(shard(0))
                .withPropertyValues(shard(2))
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining(
                                "invalid shardkit configuration (Spring properties shardkit.*), 1 problem")
                        .hasMessageContaining("shardkit.shards[1]: missing: the indexes of a list must run 0, 1, 2, ..."
                                + " without gaps, but shardkit.shards[2] follows [0] [")
                        .hasMessageContaining("property shardkit.shards[2].")
                        .hasMessageNotContaining("IllegalStateException"));
    }

    @Test
    void listNotStartingAtZero_andANestedGap_areEachReported() {
        runner.withPropertyValues(shard(0))
                .withPropertyValues(
                        "shardkit.shards[0].replicas[1].url=jdbc:postgresql://127.0.0.1:2/none",
                        "shardkit.shards[0].replicas[1].user=u",
                        "shardkit.cache.namespaces.agents.ttl=1m")
                .withPropertyValues(shard(1))
                .run(context -> StartupFailures.configurationFailure(context)
                        .hasMessageContaining("1 problem")
                        .hasMessageContaining("shardkit.shards[0].replicas[0]: missing: the indexes of a list must"
                                + " run 0, 1, 2, ... without gaps, but shardkit.shards[0].replicas[1] follows no"
                                + " element"));
    }
}
