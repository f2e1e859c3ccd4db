package org.shardkit.core.twophase;

import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardkitException;

/**
 * A distributed unit did not commit: a shard failed before the commit decision was recorded, or
 * recovery had decided abort first. {@link #shardId()} names the shard that failed (the coordinator
 * shard when the decision was the problem) and {@link #globalId()} the unit.
 *
 * <p>Unless {@link #inDoubt()}, the unit committed on no shard: its prepared parts were rolled back,
 * or, where that failed, are left to recovery, which rolls them back (there is no commit decision).
 * When {@code inDoubt()} is true the coordinator could not learn whether its commit decision was
 * recorded; recovery finishes the unit either way, on every shard alike.
 *
 * <p>Immutable and thread-safe.
 */
public final class TwoPhaseCommitException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final ShardId failedShard;
    private final String globalId;
    private final boolean inDoubt;

    /**
     * Creates the exception.
     *
     * @param failedShard the shard that failed, or the coordinator shard
     * @param globalId the unit's global transaction id
     * @param message what failed, where, and what became of the unit
     * @param inDoubt whether the outcome is left to recovery to find out
     * @param cause the underlying failure, or null
     */
    public TwoPhaseCommitException(
            ShardId failedShard, String globalId, String message, boolean inDoubt, @Nullable Throwable cause) {
        super(failedShard, message, cause);
        this.failedShard = failedShard;
        this.globalId = globalId;
        this.inDoubt = inDoubt;
    }

    /** Returns the shard that failed, or the coordinator shard when the decision failed. */
    @Override
    public ShardId shardId() {
        return failedShard;
    }

    /** Returns the unit's global transaction id, e.g. {@code shardkit:default:4f1c0a9e2b7d3c51:17}. */
    public String globalId() {
        return globalId;
    }

    /**
     * Tells whether the outcome is unknown to this process (the decision's write or read failed):
     * recovery then commits every part if the decision was recorded and rolls every part back if not.
     */
    public boolean inDoubt() {
        return inDoubt;
    }
}
