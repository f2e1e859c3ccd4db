package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.metrics.ReplicaHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.shardkit.testing.ShardServersExtension;

/**
 * {@link ShardedDatabase#health} reports each read replica: probed for real, with the read path's
 * cool-down beside it. Shard 0 reads from two replica servers of their own (weights 2 and 1); shard
 * 1 has none.
 */
class ReplicaHealthIT {

    @RegisterExtension
    static final ShardServersExtension primaries =
            ShardServersExtension.builder().shards(2).build();

    /** Replica stand-ins: servers of their own, read-only, so stopping one leaves the primaries up. */
    @RegisterExtension
    static final ShardServersExtension replicas = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("default_transaction_read_only", "on")
            .build();

    private final AtomicLong fakeNanos = new AtomicLong();
    private ShardedDatabase db;

    @BeforeEach
    void setUp() {
        db = ShardedDatabase.builder(TestConfigs.withReplicasOnShard0(primaries, replicas, StartupMode.EAGER))
                .nanoTicker(fakeNanos::get)
                .build();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void health_listsEveryReplica_reachableAndServing() {
        ShardHealth shard0 = db.health(ShardId.of(0));

        assertThat(shard0.reachable()).isTrue();
        assertThat(shard0.replicas())
                .extracting(ReplicaHealth::index, ReplicaHealth::poolName, ReplicaHealth::reachable)
                .containsExactly(
                        tuple(0, "shardkit-social_0-replica-0", true), tuple(1, "shardkit-social_0-replica-1", true));
        assertThat(shard0.replicas()).allSatisfy(r -> {
            assertThat(r.skipped()).isFalse();
            assertThat(r.serving()).isTrue();
            assertThat(r.error()).isNull();
            assertThat(r.pool().maximumSize()).isEqualTo(4);
        });
        assertThat(shard0.servingReplicas()).isEqualTo(2);
        assertThat(db.health(ShardId.of(1)).replicas()).isEmpty();
    }

    @Test
    void stoppedReplica_isUnreachable_withItsError_whileThePrimaryAndTheOtherReplicaAnswer() {
        replicas.assumeRestartableServers();
        replicas.shard(1).stopServer();

        ShardHealth shard0 = db.health(ShardId.of(0));

        assertThat(shard0.reachable()).as("the primary").isTrue();
        assertThat(shard0.replicas().get(0).reachable()).isTrue();
        ReplicaHealth stopped = shard0.replicas().get(1);
        assertThat(stopped.reachable()).isFalse();
        assertThat(stopped.serving()).isFalse();
        assertThat(stopped.error()).isNotBlank();
        assertThat(stopped.skipped())
                .as("a probe changes nothing: no read has failed on it yet")
                .isFalse();
        assertThat(shard0.servingReplicas()).isEqualTo(1);

        replicas.shard(1).startServer();
        assertThat(db.health(ShardId.of(0)).replicas().get(1).reachable()).isTrue();
    }

    @Test
    void replicaAReadFailedOn_isSkipped_untilTheRetryPeriodPasses_evenOnceItAnswersAgain() {
        replicas.assumeRestartableServers();
        ShardKey key = ShardKey.of(TestConfigs.keyOnShard(db, 0, 1));
        replicas.shard(0).stopServer();
        replicas.shard(1).stopServer();
        // Both replicas fail to give a connection: the read falls back to the primary and both cool down.
        db.useReadOnly(key, h -> h.execute("SELECT 1"));
        replicas.shard(0).startServer();
        replicas.shard(1).startServer();

        ShardHealth cooling = db.health(ShardId.of(0));
        assertThat(cooling.replicas()).allSatisfy(r -> {
            assertThat(r.reachable()).isTrue();
            assertThat(r.skipped()).isTrue();
            assertThat(r.serving()).isFalse();
        });
        assertThat(cooling.servingReplicas()).isZero();

        fakeNanos.addAndGet(Duration.ofSeconds(6).toNanos()); // replicaRetryAfter is 5 s
        assertThat(db.health(ShardId.of(0)).servingReplicas()).isEqualTo(2);
    }
}
