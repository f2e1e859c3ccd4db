package org.shardkit.core.twophase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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

/** Servers with PostgreSQL's default {@code max_prepared_transactions = 0}, which refuse to prepare. */
class TwoPhaseStartupIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private final String coordinator = TwoPhaseShards.freshCoordinator();

    @BeforeEach
    void tables() throws Exception {
        for (TestShard s : servers.shards()) {
            TwoPhaseShards.freshAccounts(s);
        }
    }

    @Test
    void create_enabledAndEager_refusesNamingEveryShardTheSettingAndTheFix() {
        assertThatThrownBy(() -> ShardedDatabase.create(TwoPhaseShards.config(
                        servers.shards(), TwoPhaseShards.enabled(coordinator, Duration.ZERO), StartupMode.EAGER)))
                .isInstanceOfSatisfying(PreparedTransactionsDisabledException.class, e -> {
                    assertThat(e.shards()).containsExactly(ShardId.of(0), ShardId.of(1));
                    assertThat(e.shardId()).isEqualTo(ShardId.of(0));
                })
                .hasMessageContaining("shard 0 (social_0, max_connections = 100) has max_prepared_transactions = 0")
                .hasMessageContaining("shard 1 (social_1, max_connections = 100) has max_prepared_transactions = 0")
                .hasMessageContaining("set max_prepared_transactions = N")
                .hasMessageContaining("postgresql.conf")
                .hasMessageContaining("restart");
    }

    @Test
    void inDistributedTransaction_enabledAndLazy_refusesOnFirstUseOfTheShard() throws Exception {
        try (ShardedDatabase db = ShardedDatabase.create(TwoPhaseShards.config(
                servers.shards(), TwoPhaseShards.enabled(coordinator, Duration.ZERO), StartupMode.LAZY))) {
            ShardKey a = TwoPhaseShards.keyOnShard(db, 0);
            ShardKey b = TwoPhaseShards.keyOnShard(db, 1);

            assertThatThrownBy(() -> db.inDistributedTransaction(List.of(a, b), tx -> 1))
                    .isInstanceOfSatisfying(
                            PreparedTransactionsDisabledException.class,
                            e -> assertThat(e.shards()).containsExactly(ShardId.of(0)))
                    .hasMessageContaining(
                            "shard 0 (social_0, max_connections = 100) has max_prepared_transactions = 0");
        }
    }

    @Test
    void inDistributedTransaction_oneShardWhileDisabled_commitsWithoutPreparing() throws Exception {
        // These servers refuse PREPARE TRANSACTION: the unit commits only because it never prepares.
        try (ShardedDatabase db = ShardedDatabase.create(
                TwoPhaseShards.config(servers.shards(), TwoPhaseConfig.defaults(), StartupMode.EAGER))) {
            ShardKey a = TwoPhaseShards.keyOnShard(db, 1);

            db.inDistributedTransaction(
                    List.of(a),
                    tx -> tx.handle(a).execute("INSERT INTO account (id, note) VALUES (?, 'x')", a.routingValue()));
        }

        assertThat(TwoPhaseShards.accounts(servers.shard(1))).hasSize(1);
    }
}
