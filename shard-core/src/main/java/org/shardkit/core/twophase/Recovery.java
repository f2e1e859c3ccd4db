package org.shardkit.core.twophase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recovery pass over this coordinator's prepared transactions, on every shard: those older than
 * the grace period, of units this process is not running, are finished by their unit's decision:
 * commit if a commit row stands, else abort (recorded first, so a coordinator still at work learns
 * of it), then the rows no shard needs any more are deleted. Passes are serialised. Thread-safe.
 *
 * <p>The commit rows that may be deleted are read <em>before</em> the shards are scanned: a commit
 * row exists only after all its unit's prepares, so a unit whose row was read and whose prepared
 * transactions the scan no longer finds is finished on every shard. Rows are deleted only when
 * every shard was scanned.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final ShardedDatabase db;
    private final GlobalIds ids;
    private final DecisionLog decisions;
    private final TwoPhaseMeters meters;
    private final Set<String> inFlight;
    private final Set<InDoubt> inDoubt;
    private final Duration grace;

    Recovery(
            ShardedDatabase db,
            GlobalIds ids,
            DecisionLog decisions,
            TwoPhaseMeters meters,
            Set<String> inFlight,
            Set<InDoubt> inDoubt,
            Duration grace) {
        this.db = db;
        this.ids = ids;
        this.decisions = decisions;
        this.meters = meters;
        this.inFlight = inFlight;
        this.inDoubt = inDoubt;
        this.grace = grace;
    }

    synchronized RecoveryResult pass() {
        Set<ShardId> unreachable = new TreeSet<>();
        List<String> commitsBefore;
        try {
            commitsBefore = decisions.commits();
        } catch (RuntimeException e) {
            LOG.warn(
                    "two-phase recovery skipped: the coordinator {} is unreachable: {}", decisions.shard(), message(e));
            return new RecoveryResult(0, 0, 0, Set.of(decisions.shard()));
        }
        Set<ShardId> scanned = new TreeSet<>();
        Set<String> present = new HashSet<>();
        Set<String> partlySkipped = new HashSet<>();
        Map<String, List<GlobalIds.Prepared>> due = new TreeMap<>();
        int skipped = 0;
        for (ShardId shard : db.shardIds()) {
            List<PreparedTransactions.Row> rows;
            try {
                rows = PreparedTransactions.scan(db, shard, grace);
            } catch (RuntimeException e) {
                unreachable.add(shard);
                LOG.warn("two-phase recovery skips {}: {}", shard, message(e));
                continue;
            }
            scanned.add(shard);
            for (PreparedTransactions.Row row : rows) {
                GlobalIds.Prepared p = ids.parse(row.gid());
                if (p == null || !p.shard().equals(shard)) {
                    continue; // another coordinator's, or another shard's in the same database
                }
                present.add(p.globalId());
                if (!row.due() || inFlight.contains(p.globalId())) {
                    skipped++;
                    partlySkipped.add(p.globalId());
                } else {
                    due.computeIfAbsent(p.globalId(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        int committed = 0;
        int rolledBack = 0;
        Set<String> unresolved = new HashSet<>(partlySkipped);
        Set<InDoubt> left = new HashSet<>();
        for (Map.Entry<String, List<GlobalIds.Prepared>> unit : due.entrySet()) {
            String globalId = unit.getKey();
            DecisionLog.Outcome outcome;
            try {
                // Absent means no coordinator recorded commit: abort, unless one does so first.
                outcome = decisions.decide(globalId, DecisionLog.Outcome.ABORT);
            } catch (RuntimeException e) {
                unreachable.add(decisions.shard());
                unresolved.add(globalId);
                unit.getValue().forEach(p -> left.add(new InDoubt(p.shard(), p.gid())));
                LOG.warn("two-phase recovery cannot decide {}: {}", globalId, message(e));
                continue;
            }
            boolean commit = outcome == DecisionLog.Outcome.COMMIT;
            for (GlobalIds.Prepared p : unit.getValue()) {
                try {
                    boolean done = commit
                            ? PreparedTransactions.commit(db, p.shard(), p.gid())
                            : PreparedTransactions.rollback(db, p.shard(), p.gid());
                    if (done) {
                        if (commit) {
                            committed++;
                        } else {
                            rolledBack++;
                        }
                        meters.recovered(commit);
                        LOG.info(
                                "two-phase recovery: {} PREPARED '{}' on {}",
                                commit ? "COMMIT" : "ROLLBACK",
                                p.gid(),
                                p.shard());
                    }
                } catch (RuntimeException e) {
                    unreachable.add(p.shard());
                    unresolved.add(globalId);
                    left.add(new InDoubt(p.shard(), p.gid()));
                    LOG.warn("two-phase recovery could not finish '{}' on {}: {}", p.gid(), p.shard(), message(e));
                }
            }
        }
        inDoubt.removeIf(d -> scanned.contains(d.shard()) && !left.contains(d));
        inDoubt.addAll(left);
        if (unreachable.isEmpty()) {
            cleanUp(commitsBefore, present, due.keySet(), unresolved);
        }
        return new RecoveryResult(committed, rolledBack, skipped, unreachable);
    }

    /** Deletes the commit rows read before the scan whose units no shard holds any more, and old aborts. */
    private void cleanUp(
            List<String> commitsBefore, Set<String> present, Set<String> resolved, Set<String> unresolved) {
        Set<String> remaining = new HashSet<>(present);
        for (String globalId : resolved) {
            if (!unresolved.contains(globalId)) {
                remaining.remove(globalId);
            }
        }
        List<String> finished = new ArrayList<>();
        for (String globalId : commitsBefore) {
            if (!remaining.contains(globalId)) {
                finished.add(globalId);
            }
        }
        try {
            decisions.deleteCommits(finished);
            decisions.purgeAborts();
        } catch (RuntimeException e) {
            LOG.warn("two-phase recovery could not clean up decisions on {}: {}", decisions.shard(), message(e));
        }
    }

    private static String message(RuntimeException e) {
        return String.valueOf(e.getMessage());
    }
}
