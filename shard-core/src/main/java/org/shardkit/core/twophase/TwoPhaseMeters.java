package org.shardkit.core.twophase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * The meters of two-phase commit, every one tagged {@link #COORDINATOR}: the names are written once
 * here (and in {@code docs/two-phase-commit.md}). Units on one shard commit locally and are not
 * counted. Thread-safe.
 */
final class TwoPhaseMeters {
    /** Counter of prepared transactions ({@code PREPARE TRANSACTION} that succeeded, one per shard). */
    static final String PREPARED = "shardkit.2pc.prepared";
    /** Counter of units over several shards whose outcome was commit. */
    static final String COMMITTED = "shardkit.2pc.committed";
    /** Counter of units over several shards rolled back (the work threw, a shard failed, or abort won). */
    static final String ROLLED_BACK = "shardkit.2pc.rolledback";
    /** Counter of prepared transactions recovery resolved; tag {@link #OUTCOME} {@code commit} or {@code rollback}. */
    static final String RECOVERED = "shardkit.2pc.recovered";
    /** Gauge of prepared transactions known to be in doubt: past their decision, not yet resolved. */
    static final String IN_DOUBT = "shardkit.2pc.in.doubt";

    static final String COORDINATOR = "coordinator";
    static final String OUTCOME = "outcome";

    private final Counter prepared;
    private final Counter committed;
    private final Counter rolledBack;
    private final Counter recoveredCommit;
    private final Counter recoveredRollback;

    TwoPhaseMeters(MeterRegistry registry, String coordinator, Set<?> inDoubt) {
        this.prepared = counter(registry, PREPARED, coordinator, "prepared transactions");
        this.committed = counter(registry, COMMITTED, coordinator, "distributed units committed");
        this.rolledBack = counter(registry, ROLLED_BACK, coordinator, "distributed units rolled back");
        this.recoveredCommit = Counter.builder(RECOVERED)
                .description("prepared transactions resolved by recovery")
                .tag(COORDINATOR, coordinator)
                .tag(OUTCOME, "commit")
                .register(registry);
        this.recoveredRollback = Counter.builder(RECOVERED)
                .description("prepared transactions resolved by recovery")
                .tag(COORDINATOR, coordinator)
                .tag(OUTCOME, "rollback")
                .register(registry);
        Gauge.builder(IN_DOUBT, inDoubt, Set::size)
                .description("prepared transactions in doubt, waiting for recovery")
                .tag(COORDINATOR, coordinator)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String coordinator, String description) {
        return Counter.builder(name)
                .description(description)
                .tag(COORDINATOR, coordinator)
                .register(registry);
    }

    void prepared() {
        prepared.increment();
    }

    void committed() {
        committed.increment();
    }

    void rolledBack() {
        rolledBack.increment();
    }

    void recovered(boolean commit) {
        (commit ? recoveredCommit : recoveredRollback).increment();
    }
}
