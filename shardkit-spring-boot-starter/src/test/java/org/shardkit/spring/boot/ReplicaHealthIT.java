package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Replica health in a shard's Actuator entry: shard 0 of two reads from a replica server of its own;
 * stopping that server leaves the shard {@code UP} but degraded, with the replica {@code DOWN}.
 */
class ReplicaHealthIT {

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    /** The replica: a read-only server of its own, so stopping it leaves the primaries up. */
    @RegisterExtension
    static final ShardServersExtension replicas = ShardServersExtension.builder()
            .shards(1)
            .serverSetting("default_transaction_read_only", "on")
            .build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("org.shardkit.social"))
            .withConfiguration(AutoConfigurations.of(
                    HealthContributorAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class,
                    ShardkitAutoConfiguration.class,
                    ShardkitHealthContributorAutoConfiguration.class));

    /** Both shards, and shard 0's replica with its password (if any) from another property. */
    private static String[] properties() {
        List<String> out = new ArrayList<>(List.of(ShardkitAutoConfigurationIT.shardProperties(servers)));
        TestShard replica = replicas.shard(0);
        out.add("shardkit.shards[0].replicas[0].url=" + replica.jdbcUrl());
        out.add("shardkit.shards[0].replicas[0].user=" + replica.user());
        if (!replica.password().isEmpty()) {
            out.add("shardkit.shards[0].replicas[0].password=${REPLICA_PASSWORD}");
            out.add("REPLICA_PASSWORD=" + replica.password());
        }
        return out.toArray(String[]::new);
    }

    private static Health shard(AssertableApplicationContext context, String name) {
        return (Health) context.getBean(HealthEndpoint.class).healthForPath("shardkit", name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replica0(Health shard) {
        List<Map<String, Object>> replicas =
                (List<Map<String, Object>>) shard.getDetails().get("replicas");
        assertThat(replicas).as("the replicas of %s", shard).isNotNull().hasSize(1);
        return Objects.requireNonNull(replicas).get(0);
    }

    @Test
    void replicas_areListedUp_andAShardWithoutReplicasListsNone() {
        runner.withPropertyValues(properties()).run(context -> {
            assertThat(context).hasNotFailed();
            Health shard0 = shard(context, "social_0");
            assertThat(shard0.getStatus()).isEqualTo(Status.UP);
            assertThat(shard0.getDetails())
                    .containsEntry("degraded", false)
                    .containsEntry("replicasServing", 1)
                    .doesNotContainKey("degradedBy");
            assertThat(replica0(shard0))
                    .containsEntry("index", 0)
                    .containsEntry("pool", "shardkit-social_0-replica-0")
                    .containsEntry("status", "UP")
                    .containsEntry("skipped", false)
                    .containsEntry("level", "HEALTHY")
                    .doesNotContainKey("error");
            assertThat(shard(context, "social_1").getDetails()).doesNotContainKeys("replicas", "replicasServing");
        });
    }

    @Test
    void stoppedReplica_leavesItsShardUp_butDegraded_withTheReplicaDown() {
        replicas.assumeRestartableServers();
        runner.withPropertyValues(properties()).run(context -> {
            assertThat(context).hasNotFailed();
            replicas.shard(0).stopServer();
            try {
                Health shard0 = shard(context, "social_0");
                assertThat(shard0.getStatus()).isEqualTo(Status.UP);
                assertThat(shard0.getDetails())
                        .containsEntry("degraded", true)
                        .containsEntry("degradedBy", List.of("replica 0 unreachable"))
                        .containsEntry("replicasServing", 0);
                assertThat(replica0(shard0)).containsEntry("status", "DOWN").containsKey("error");
                assertThat(context.getBean(HealthEndpoint.class)
                                .healthForPath("shardkit")
                                .getStatus())
                        .isEqualTo(Status.UP);
            } finally {
                replicas.shard(0).startServer();
            }
            Health back = shard(context, "social_0");
            assertThat(back.getDetails()).containsEntry("degraded", false);
            assertThat(replica0(back)).containsEntry("status", "UP");
        });
    }
}
