package org.shardkit.core.twophase;

import java.util.Set;
import java.util.TreeSet;
import org.shardkit.core.ShardId;

/**
 * What one recovery pass did with this coordinator's prepared transactions. Counts are of prepared
 * transactions (one per shard of a unit), not of units.
 *
 * @param committed prepared transactions committed ({@code COMMIT PREPARED}): their unit had a
 *     commit decision
 * @param rolledBack prepared transactions rolled back ({@code ROLLBACK PREPARED}): their unit had no
 *     commit decision
 * @param skipped prepared transactions left alone: younger than {@code twoPhase.inDoubtGrace}, or of
 *     a unit this process is still running
 * @param unreachable shards the pass could not scan or act on (skipped, not fatal); in id order
 */
public record RecoveryResult(int committed, int rolledBack, int skipped, Set<ShardId> unreachable) {
    /** Copies the set of unreachable shards, sorted by id. */
    public RecoveryResult {
        unreachable = java.util.Collections.unmodifiableSet(new TreeSet<>(unreachable));
    }
}
