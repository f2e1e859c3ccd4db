package org.shardkit.core.twophase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.core.twophase.TwoPhaseShards.accounts;
import static org.shardkit.core.twophase.TwoPhaseShards.decisions;
import static org.shardkit.core.twophase.TwoPhaseShards.keyOnShard;
import static org.shardkit.core.twophase.TwoPhaseShards.prefix;
import static org.shardkit.core.twophase.TwoPhaseShards.prepared;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.StartupMode;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.slf4j.LoggerFactory;

/**
 * Units that do not run to their end: the coordinator "crashes" at each point (a hook that throws
 * makes it abandon the unit without cleanup), a shard's server stops mid-way, or recovery races a
 * slow coordinator; then a recovery pass, often of a new database with the same coordinator name,
 * must leave every shard agreeing and nothing prepared.
 */
class TwoPhaseRecoveryIT {
    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("max_prepared_transactions", "16")
            .build();

    /** The "process died" of a crash point. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(CrashPoint point) {
            super("simulated crash at " + point);
        }
    }

    private final String coordinator = TwoPhaseShards.freshCoordinator();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ShardedDatabase db;
    private ShardKey onShard0;
    private ShardKey onShard1;

    @BeforeEach
    void start() throws Exception {
        for (TestShard s : servers.shards()) {
            TwoPhaseShards.freshAccounts(s);
        }
        db = database(Duration.ZERO);
        onShard0 = keyOnShard(db, 0);
        onShard1 = keyOnShard(db, 1);
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        for (TestShard s : servers.shards()) {
            s.startServer();
            TwoPhaseShards.rollBackLeftovers(s);
        }
    }

    private ShardedDatabase database(Duration grace) {
        return ShardedDatabase.create(
                TwoPhaseShards.config(servers.shards(), TwoPhaseShards.enabled(coordinator, grace), StartupMode.EAGER));
    }

    /** A runtime over {@link #db} whose units call the hook at each crash point. */
    private TwoPhaseCommit runtime(CrashPoint.Hook hook) {
        return TwoPhaseCommit.start(db, registry, System::nanoTime, hook);
    }

    private static CrashPoint.Hook crashAt(CrashPoint at) {
        return (point, globalId) -> {
            if (point == at) {
                throw new SimulatedCrash(point);
            }
        };
    }

    private int transfer(TwoPhaseCommit runtime) {
        return runtime.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
            tx.handle(onShard0).execute("INSERT INTO account (id, note) VALUES (?, 'from')", onShard0.routingValue());
            return tx.handle(onShard1)
                    .execute("INSERT INTO account (id, note) VALUES (?, 'to')", onShard1.routingValue());
        });
    }

    private void crash(CrashPoint at) {
        try (TwoPhaseCommit crashing = runtime(crashAt(at))) {
            assertThatThrownBy(() -> transfer(crashing)).isInstanceOf(SimulatedCrash.class);
        }
    }

    /** Runs recovery as a new process would: a new database with the same coordinator name. */
    private RecoveryResult recoverInNewDatabase() {
        try (ShardedDatabase restarted = database(Duration.ZERO)) {
            return restarted.recoverPreparedTransactions();
        }
    }

    private void assertNothingPrepared() throws Exception {
        for (TestShard s : servers.shards()) {
            assertThat(prepared(s, prefix(coordinator)))
                    .as("prepared on shard %d", s.index())
                    .isEmpty();
        }
    }

    private void assertNeitherRow() throws Exception {
        assertThat(accounts(servers.shard(0))).isEmpty();
        assertThat(accounts(servers.shard(1))).isEmpty();
    }

    private void assertBothRows() throws Exception {
        assertThat(accounts(servers.shard(0))).containsExactly(onShard0.routingValue());
        assertThat(accounts(servers.shard(1))).containsExactly(onShard1.routingValue());
    }

    @Test
    void recover_afterCrashAfterFirstPrepare_rollsBackThePreparedShard() throws Exception {
        crash(CrashPoint.AFTER_FIRST_PREPARE);
        assertThat(prepared(servers.shard(0), prefix(coordinator))).hasSize(1);
        assertThat(prepared(servers.shard(1), prefix(coordinator))).isEmpty();

        RecoveryResult result = recoverInNewDatabase();

        assertThat(result).isEqualTo(new RecoveryResult(0, 1, 0, Set.of()));
        assertNothingPrepared();
        assertNeitherRow();
        // The abort row stays (for its retention), so a late coordinator cannot record commit.
        assertThat(decisions(servers.shard(0), prefix(coordinator)))
                .singleElement()
                .asString()
                .endsWith("=abort");
    }

    @Test
    void recover_afterCrashAfterAllPrepared_rollsBackEveryShard() throws Exception {
        crash(CrashPoint.AFTER_ALL_PREPARED);
        // Prepared, not committed: PREPARE TRANSACTION and Jdbi's no-op commit wrote nothing visible.
        assertThat(prepared(servers.shard(0), prefix(coordinator))).hasSize(1);
        assertThat(prepared(servers.shard(1), prefix(coordinator))).hasSize(1);
        assertNeitherRow();

        RecoveryResult result = recoverInNewDatabase();

        assertThat(result).isEqualTo(new RecoveryResult(0, 2, 0, Set.of()));
        assertNothingPrepared();
        assertNeitherRow();
    }

    @Test
    void recover_afterCrashAfterDecision_commitsEveryShard_andDeletesTheDecision() throws Exception {
        crash(CrashPoint.AFTER_DECISION);
        assertThat(decisions(servers.shard(0), prefix(coordinator)))
                .singleElement()
                .asString()
                .endsWith("=commit");
        assertNeitherRow();

        RecoveryResult result = recoverInNewDatabase();

        assertThat(result).isEqualTo(new RecoveryResult(2, 0, 0, Set.of()));
        assertNothingPrepared();
        assertBothRows();
        assertThat(decisions(servers.shard(0), prefix(coordinator))).isEmpty();
    }

    @Test
    void recover_afterCrashBeforeTheSecondCommitPrepared_commitsTheOtherShard() throws Exception {
        crash(CrashPoint.AFTER_FIRST_COMMIT);
        assertThat(accounts(servers.shard(0))).containsExactly(onShard0.routingValue());
        assertThat(accounts(servers.shard(1))).isEmpty();

        RecoveryResult result = recoverInNewDatabase();

        assertThat(result).isEqualTo(new RecoveryResult(1, 0, 0, Set.of()));
        assertNothingPrepared();
        assertBothRows();
        assertThat(decisions(servers.shard(0), prefix(coordinator))).isEmpty();
    }

    @Test
    void recover_withinTheGracePeriod_skipsAndLeavesThePreparedAlone() throws Exception {
        crash(CrashPoint.AFTER_ALL_PREPARED);

        RecoveryResult result;
        try (ShardedDatabase patient = database(Duration.ofMinutes(10))) {
            result = patient.recoverPreparedTransactions();
        }

        assertThat(result).isEqualTo(new RecoveryResult(0, 0, 2, Set.of()));
        assertThat(prepared(servers.shard(0), prefix(coordinator))).hasSize(1);
        assertThat(prepared(servers.shard(1), prefix(coordinator))).hasSize(1);
    }

    @Test
    void recover_ofAUnitThisProcessIsRunning_skipsIt_andTheUnitCommits() throws Exception {
        AtomicReference<RecoveryResult> during = new AtomicReference<>();
        AtomicReference<TwoPhaseCommit> self = new AtomicReference<>();
        try (TwoPhaseCommit runtime = runtime((point, globalId) -> {
            if (point == CrashPoint.AFTER_ALL_PREPARED) {
                during.set(Objects.requireNonNull(self.get()).recover());
            }
        })) {
            self.set(runtime);

            transfer(runtime);
        }

        assertThat(during.get()).isEqualTo(new RecoveryResult(0, 0, 2, Set.of()));
        assertBothRows();
        assertNothingPrepared();
    }

    @Test
    void inDistributedTransaction_recoveryAbortsFirst_failsWithTheTypedError_andCommitsNowhere() throws Exception {
        AtomicReference<RecoveryResult> raced = new AtomicReference<>();
        try (ShardedDatabase other = database(Duration.ZERO);
                TwoPhaseCommit slow = runtime((point, globalId) -> {
                    if (point == CrashPoint.AFTER_ALL_PREPARED) {
                        // Another process's recovery finds the prepared parts before the decision.
                        raced.set(other.recoverPreparedTransactions());
                    }
                })) {
            assertThatThrownBy(() -> transfer(slow)).isInstanceOfSatisfying(TwoPhaseCommitException.class, e -> {
                assertThat(e.shardId()).isEqualTo(ShardId.of(0));
                assertThat(e.globalId()).startsWith(prefix(coordinator));
                assertThat(e.inDoubt()).isFalse();
                assertThat(e).hasMessageContaining("recovery recorded abort for it first");
            });
        }

        assertThat(raced.get()).isEqualTo(new RecoveryResult(0, 2, 0, Set.of()));
        assertNothingPrepared();
        assertNeitherRow();
        assertThat(decisions(servers.shard(0), prefix(coordinator)))
                .singleElement()
                .asString()
                .endsWith("=abort");
        assertThat(registry.get(TwoPhaseMeters.ROLLED_BACK).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(TwoPhaseMeters.COMMITTED).counter().count()).isZero();
    }

    @Test
    void inDistributedTransaction_shardStopsAfterTheDecision_returns_andRecoveryCommitsIt() throws Exception {
        servers.assumeRestartableServers();
        Logger logger = (Logger) LoggerFactory.getLogger(Coordinator.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        AtomicReference<String> gid = new AtomicReference<>();
        try (TwoPhaseCommit runtime = runtime((point, globalId) -> {
            if (point == CrashPoint.AFTER_DECISION) {
                gid.set(globalId);
                servers.shard(1).stopServer();
            }
        })) {
            assertThat(transfer(runtime)).isEqualTo(1);

            assertThat(logs.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement()
                    .asString()
                    .contains("COMMIT PREPARED '" + gid.get() + ":1' failed on shard 1 (social_1)");
            assertThat(registry.get(TwoPhaseMeters.IN_DOUBT).gauge().value()).isEqualTo(1.0);
            assertThat(registry.get(TwoPhaseMeters.COMMITTED).counter().count()).isEqualTo(1.0);
            assertThat(accounts(servers.shard(0))).containsExactly(onShard0.routingValue());

            // While the shard is down a pass skips it and says so.
            assertThat(runtime.recover()).isEqualTo(new RecoveryResult(0, 0, 0, Set.of(ShardId.of(1))));
            assertThat(decisions(servers.shard(0), prefix(coordinator))).hasSize(1);

            servers.shard(1).startServer();
            assertThat(runtime.recover()).isEqualTo(new RecoveryResult(1, 0, 0, Set.of()));
            assertThat(registry.get(TwoPhaseMeters.IN_DOUBT).gauge().value()).isZero();
            assertThat(registry.get(TwoPhaseMeters.RECOVERED)
                            .tag(TwoPhaseMeters.OUTCOME, "commit")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        } finally {
            logger.detachAppender(logs);
        }
        assertBothRows();
        assertNothingPrepared();
        assertThat(decisions(servers.shard(0), prefix(coordinator))).isEmpty();
    }

    @Test
    void inDistributedTransaction_shardStopsBeforeItPrepares_rollsBackTheOther() throws Exception {
        servers.assumeRestartableServers();
        try (TwoPhaseCommit runtime = runtime((point, globalId) -> {
            if (point == CrashPoint.AFTER_FIRST_PREPARE) {
                servers.shard(1).stopServer();
            }
        })) {
            assertThatThrownBy(() -> transfer(runtime)).isInstanceOfSatisfying(TwoPhaseCommitException.class, e -> {
                assertThat(e.shardId()).isEqualTo(ShardId.of(1));
                assertThat(e.inDoubt()).isFalse();
                assertThat(e)
                        .hasMessageStartingWith("distributed transaction " + e.globalId() + " rolled back: shard 1"
                                + " (social_1) failed to prepare");
            });
        }
        assertThat(prepared(servers.shard(0), prefix(coordinator))).isEmpty();
        assertThat(accounts(servers.shard(0))).isEmpty();

        servers.shard(1).startServer();
        assertNothingPrepared();
        assertNeitherRow();
        assertThat(registry.get(TwoPhaseMeters.ROLLED_BACK).counter().count()).isEqualTo(1.0);
    }

    @Test
    void inDistributedTransaction_connectionKilledBeforePrepare_rollsBackBoth() throws Exception {
        try (TwoPhaseCommit runtime = runtime(TwoPhaseRecoveryIT::noCrash)) {
            assertThatThrownBy(() -> runtime.inDistributedTransaction(List.of(onShard0, onShard1), tx -> {
                        tx.handle(onShard0)
                                .execute("INSERT INTO account (id, note) VALUES (?, 'from')", onShard0.routingValue());
                        tx.handle(onShard1)
                                .execute("INSERT INTO account (id, note) VALUES (?, 'to')", onShard1.routingValue());
                        // Shard 1's backend dies under the unit, as on a failover or an admin's kill.
                        int pid = tx.handle(onShard1)
                                .createQuery("SELECT pg_backend_pid()")
                                .mapTo(Integer.class)
                                .one();
                        try (ShardedDatabase admin = database(Duration.ZERO)) {
                            admin.withShardId(
                                    ShardId.of(1),
                                    h -> h.createQuery("SELECT pg_terminate_backend(?)")
                                            .bind(0, pid)
                                            .mapTo(Boolean.class)
                                            .one());
                        }
                        return 0;
                    }))
                    .isInstanceOfSatisfying(
                            TwoPhaseCommitException.class,
                            e -> assertThat(e.shardId()).isEqualTo(ShardId.of(1)));
        }

        assertNothingPrepared();
        assertNeitherRow();
    }

    private static void noCrash(CrashPoint point, String globalId) {}
}
