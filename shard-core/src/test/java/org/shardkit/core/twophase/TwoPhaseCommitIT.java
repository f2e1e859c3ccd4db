package org.shardkit.core.twophase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.core.twophase.TwoPhaseShards.accounts;
import static org.shardkit.core.twophase.TwoPhaseShards.decisions;
import static org.shardkit.core.twophase.TwoPhaseShards.keyOnShard;
import static org.shardkit.core.twophase.TwoPhaseShards.prefix;
import static org.shardkit.core.twophase.TwoPhaseShards.prepared;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** Distributed units that run to their end: commit, rollback, one shard, misuse, and the meters. */
class TwoPhaseCommitIT {
    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("max_prepared_transactions", "16")
            .build();

    private final String coordinator = TwoPhaseShards.freshCoordinator();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ShardedDatabase db;
    private ShardKey onShard0;
    private ShardKey onShard1;

    /** A checked exception the work throws, to see it come out unchanged. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    @BeforeEach
    void start() throws Exception {
        for (TestShard s : servers.shards()) {
            TwoPhaseShards.freshAccounts(s);
        }
        db = ShardedDatabase.builder(TwoPhaseShards.config(
                        servers.shards(), TwoPhaseShards.enabled(coordinator, Duration.ZERO), StartupMode.EAGER))
                .meterRegistry(registry)
                .build();
        onShard0 = keyOnShard(db, 0);
        onShard1 = keyOnShard(db, 1);
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        for (TestShard s : servers.shards()) {
            TwoPhaseShards.rollBackLeftovers(s);
        }
    }

    private static int insert(Handle h, ShardKey key, String note) {
        return h.execute("INSERT INTO account (id, note) VALUES (?, ?)", key.routingValue(), note);
    }

    private double count(String name) {
        return registry.get(name)
                .tag(TwoPhaseMeters.COORDINATOR, coordinator)
                .counter()
                .count();
    }

    @Test
    void inDistributedTransaction_twoShards_commitsOnBoth_andLeavesNothingPrepared() throws Exception {
        AtomicReference<String> globalId = new AtomicReference<>();

        int written = db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
            globalId.set(tx.globalId());
            assertThat(tx.shards()).containsExactly(ShardId.of(0), ShardId.of(1));
            return insert(tx.handle(onShard0), onShard0, "from") + insert(tx.handle(ShardId.of(1)), onShard1, "to");
        });

        assertThat(written).isEqualTo(2);
        assertThat(accounts(servers.shard(0))).containsExactly(onShard0.routingValue());
        assertThat(accounts(servers.shard(1))).containsExactly(onShard1.routingValue());
        assertThat(globalId.get()).matches("shardkit:" + coordinator.replace(".", "\\.") + ":[0-9a-f]{16}:[0-9]+");
        for (TestShard s : servers.shards()) {
            assertThat(prepared(s, prefix(coordinator))).isEmpty();
        }
        assertThat(decisions(servers.shard(0), prefix(coordinator))).isEmpty();
        assertThat(count(TwoPhaseMeters.PREPARED)).isEqualTo(2.0);
        assertThat(count(TwoPhaseMeters.COMMITTED)).isEqualTo(1.0);
        assertThat(count(TwoPhaseMeters.ROLLED_BACK)).isZero();
    }

    @Test
    void inDistributedTransaction_workThrows_rollsBackOnBoth_andRethrowsUnchanged() throws Exception {
        Refused refused = new Refused("not enough coins");

        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
                    insert(tx.handle(onShard0), onShard0, "from");
                    insert(tx.handle(onShard1), onShard1, "to");
                    throw refused;
                }))
                .isSameAs(refused);

        assertThat(accounts(servers.shard(0))).isEmpty();
        assertThat(accounts(servers.shard(1))).isEmpty();
        assertThat(count(TwoPhaseMeters.PREPARED)).isZero();
        assertThat(count(TwoPhaseMeters.ROLLED_BACK)).isEqualTo(1.0);
    }

    @Test
    void inDistributedTransaction_statementFailsOnOneShard_rollsBackTheOther() throws Exception {
        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
                    insert(tx.handle(onShard0), onShard0, "from");
                    return tx.handle(onShard1).execute("INSERT INTO no_such_table VALUES (1)");
                }))
                .isInstanceOfSatisfying(org.shardkit.core.ShardQueryException.class, e -> {
                    assertThat(e.shardId()).isEqualTo(db.shardOf(onShard1));
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.getCause()).isInstanceOf(org.jdbi.v3.core.JdbiException.class);
                })
                .hasMessageContaining("no_such_table");

        assertThat(accounts(servers.shard(0))).isEmpty();
        assertThat(count(TwoPhaseMeters.ROLLED_BACK)).isEqualTo(1.0);
    }

    @Test
    void inDistributedTransaction_keysOnOneShard_commitsLocallyWithoutPrepare() throws Exception {
        ShardKey other = ShardKey.of(onShard0.routingValue() + 1000);
        while (db.shardOf(other).value() != 0) {
            other = ShardKey.of(other.routingValue() + 1);
        }
        ShardKey second = other;

        db.inDistributedTransaction(List.of(onShard0, second), tx -> {
            assertThat(tx.shards()).containsExactly(ShardId.of(0));
            return insert(tx.handle(onShard0), onShard0, "a") + insert(tx.handle(second), second, "b");
        });

        assertThat(accounts(servers.shard(0)))
                .containsExactlyInAnyOrder(onShard0.routingValue(), second.routingValue());
        assertThat(count(TwoPhaseMeters.PREPARED)).isZero();
        assertThat(count(TwoPhaseMeters.COMMITTED)).isZero();
    }

    @Test
    void inDistributedTransaction_keysOnOneShard_workThrows_rollsBack() throws Exception {
        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(onShard1), tx -> {
                    insert(tx.handle(onShard1), onShard1, "a");
                    throw new IllegalStateException("changed my mind");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("changed my mind");

        assertThat(accounts(servers.shard(1))).isEmpty();
    }

    @Test
    void inDistributedTransaction_insideInTransaction_isRefused() {
        assertThatThrownBy(() -> db.inTransaction(
                        onShard0, h -> db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction pinned to shard 0");
    }

    @Test
    void inDistributedTransaction_insideAnotherUnit_isRefused_andTheOuterRollsBack() throws Exception {
        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
                    insert(tx.handle(onShard0), onShard0, "outer");
                    return db.inDistributedTransaction(List.of(onShard1), inner -> 1);
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside distributed transaction shardkit:" + coordinator + ":");

        assertThat(accounts(servers.shard(0))).isEmpty();
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void inDistributedTransaction_badKeys_nameTheValue() {
        assertThatThrownBy(() -> db.inDistributedTransaction(null, tx -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys must not be null");
        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(), tx -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys must hold at least one key, but was []");
        List<ShardKey> withNull = new ArrayList<>(Arrays.asList(onShard0, null));
        assertThatThrownBy(() -> db.inDistributedTransaction(withNull, tx -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys must not hold null, but was [" + onShard0 + ", null]");
    }

    @Test
    void handle_ofAShardOutsideTheUnit_orAfterTheWork_isRefused() throws Exception {
        AtomicReference<DistributedTransaction> kept = new AtomicReference<>();

        db.inDistributedTransaction(List.of(onShard0), tx -> {
            kept.set(tx);
            assertThatThrownBy(() -> tx.handle(onShard1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shard 1 is not in distributed transaction")
                    .hasMessageContaining("which covers [shard 0]");
            return 0;
        });

        DistributedTransaction over = java.util.Objects.requireNonNull(kept.get());
        assertThatThrownBy(() -> over.handle(onShard0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is over");
    }

    @Test
    void inDistributedTransaction_workEndsTheTransaction_isRefusedAndRolledBack() throws Exception {
        assertThatThrownBy(() -> db.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
                    insert(tx.handle(onShard1), onShard1, "x");
                    tx.handle(onShard0).rollback();
                    return 0;
                }))
                .isInstanceOf(TwoPhaseCommitException.class)
                .hasMessageContaining("shard 0 (social_0) failed before prepare")
                .hasMessageContaining("must not commit or roll back");

        assertThat(accounts(servers.shard(1))).isEmpty();
    }

    @Test
    void inDistributedTransaction_twoShardsWhileDisabled_saysHowToEnable() throws Exception {
        try (ShardedDatabase disabled = ShardedDatabase.create(
                TwoPhaseShards.config(servers.shards(), TwoPhaseConfig.defaults(), StartupMode.EAGER))) {
            assertThat(disabled.twoPhaseCommitEnabled()).isFalse();

            assertThatThrownBy(() -> disabled.inDistributedTransaction(List.of(onShard0, onShard1), tx -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("span [shard 0, shard 1]")
                    .hasMessageContaining("twoPhase.enabled: true");
            assertThatThrownBy(disabled::recoverPreparedTransactions)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("disabled");
            // One shard needs no two-phase commit.
            disabled.inDistributedTransaction(Set.of(onShard1), tx -> insert(tx.handle(onShard1), onShard1, "x"));
        }

        assertThat(accounts(servers.shard(1))).containsExactly(onShard1.routingValue());
        assertThat(db.twoPhaseCommitEnabled()).isTrue();
    }
}
