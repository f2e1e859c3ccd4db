package org.shardkit.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A shard's read replicas with weighted round-robin selection and a cool-down for replicas that
 * failed to give a connection. Thread-safe and lock-free.
 */
final class ReplicaSet {
    private final List<ShardPool> replicas;
    /** Replica indexes repeated by weight, e.g. weights [2, 1] give [0, 1, 0]. */
    private final int[] cycle;

    private final AtomicInteger next = new AtomicInteger();
    /** Per replica: the ticker time (ns) before which it is skipped; 0 when healthy. */
    private final AtomicLongArray skipUntil;

    private final LongSupplier nanoTicker;
    private final long retryAfterNanos;

    /**
     * Creates the set.
     *
     * @param replicas the replica pools
     * @param weights their weights, each {@code >= 1}
     * @param nanoTicker the time source (e.g. {@code System::nanoTime})
     * @param retryAfterNanos how long a failed replica is skipped
     */
    ReplicaSet(List<ShardPool> replicas, int[] weights, LongSupplier nanoTicker, long retryAfterNanos) {
        this.replicas = List.copyOf(replicas);
        this.skipUntil = new AtomicLongArray(replicas.size());
        this.nanoTicker = nanoTicker;
        this.retryAfterNanos = retryAfterNanos;
        this.cycle = interleave(weights);
    }

    /** Spreads each replica's turns through the cycle (smooth weighted round-robin). */
    private static int[] interleave(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] out = new int[total];
        int[] current = new int[weights.length];
        for (int i = 0; i < total; i++) {
            int best = 0;
            for (int r = 0; r < weights.length; r++) {
                current[r] += weights[r];
                if (current[r] > current[best]) {
                    best = r;
                }
            }
            current[best] -= total;
            out[i] = best;
        }
        return out;
    }

    /** Tells whether there are no replicas. */
    boolean isEmpty() {
        return replicas.isEmpty();
    }

    /** Returns every replica pool. */
    List<ShardPool> pools() {
        return replicas;
    }

    /** Returns the number of replicas. */
    int size() {
        return replicas.size();
    }

    /**
     * Returns the replica to try first for the next read, by weighted round-robin; the caller tries
     * the others after it, in index order, skipping those {@link #isSkipped skipped}. Allocation-free.
     *
     * @return a replica index
     */
    int nextInCycle() {
        return cycle[Math.floorMod(next.getAndIncrement(), cycle.length)];
    }

    /**
     * Tells whether a replica is in its cool-down after a failure.
     *
     * @param index the replica
     * @return true if it should be skipped now
     */
    boolean isSkipped(int index) {
        long until = skipUntil.get(index);
        return until != 0 && nanoTicker.getAsLong() - until < 0;
    }

    /**
     * Returns one replica pool.
     *
     * @param index its index
     * @return the pool
     */
    ShardPool pool(int index) {
        return replicas.get(index);
    }

    /**
     * Marks a replica as failed; it is skipped for the retry period.
     *
     * @param index the replica
     */
    void markFailed(int index) {
        long until = nanoTicker.getAsLong() + retryAfterNanos;
        skipUntil.set(index, until == 0 ? 1 : until);
    }

    /**
     * Marks a replica as healthy again.
     *
     * @param index the replica
     */
    void markHealthy(int index) {
        if (skipUntil.get(index) != 0) {
            skipUntil.set(index, 0);
        }
    }
}
