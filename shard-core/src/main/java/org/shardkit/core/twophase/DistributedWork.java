package org.shardkit.core.twophase;

/**
 * Work run inside a {@link DistributedTransaction}: returning commits the unit on every shard,
 * throwing rolls it back on every shard.
 *
 * @param <R> the result
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface DistributedWork<R, X extends Exception> {
    /**
     * Runs the work.
     *
     * @param tx the unit's transactions, one per shard
     * @return the result
     * @throws X to roll the unit back
     */
    R run(DistributedTransaction tx) throws X;
}
