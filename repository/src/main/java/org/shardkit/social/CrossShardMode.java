package org.shardkit.social;

/**
 * How the repository writes a change whose rows live on two shards (a friendship's two rows, an
 * interaction and its inbox copy, a membership's two rows). Changes within one shard are always
 * one local transaction. {@code docs/social.md} gives each mode's guarantees.
 */
public enum CrossShardMode {
    /**
     * One atomic unit over both shards (shard-core's two-phase commit): both rows change or neither,
     * and a reader of either shard sees the change once the call returns. Needs {@code twoPhase.enabled}
     * and {@code max_prepared_transactions > 0} on every shard.
     */
    TWO_PHASE_COMMIT,
    /**
     * The deciding shard commits its rows and an outbox message in one local transaction; a relay
     * applies the message on the other shard, idempotently and in order, so both sides converge
     * (usually within a relay interval). Nothing is lost, but the other side lags.
     */
    OUTBOX;
}
