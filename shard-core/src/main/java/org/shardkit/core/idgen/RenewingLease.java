package org.shardkit.core.idgen;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.shardkit.idgen.WorkerIdLeaseLostException;
import org.shardkit.idgen.spi.WorkerIdLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease renewed by heartbeat. The deadline is computed from the clock reading taken before each
 * request, so it precedes the store's expiry by at least the safety margin; the same deadline is
 * written to the store as the highest timestamp this holder may use.
 *
 * <p>Thread-safe: {@link #validUntilMillis()} is a volatile read; renewal and release are
 * serialised on this object.
 */
abstract class RenewingLease implements WorkerIdLease {
    private static final Logger LOG = LoggerFactory.getLogger(RenewingLease.class);

    private final long workerId;
    private final long lastTimestamp;
    private final Clock clock;
    private final LeaseTimings timings;
    private final String owner;
    private final String store;

    private volatile long validUntil;
    private volatile long lastRenewedAt;
    private volatile @Nullable String endReason;
    private volatile @Nullable String lastError;
    private @Nullable ScheduledFuture<?> renewal;
    private @Nullable Runnable onEnd;

    RenewingLease(
            long workerId,
            long lastTimestamp,
            long startMillis,
            Clock clock,
            LeaseTimings timings,
            String owner,
            String store) {
        this.workerId = workerId;
        this.lastTimestamp = lastTimestamp;
        this.clock = clock;
        this.timings = timings;
        this.owner = owner;
        this.store = store;
        this.lastRenewedAt = startMillis;
        this.validUntil = timings.deadlineAfter(startMillis);
    }

    /** Sets the heartbeat and what to do once the lease ends; called once by the assigner. */
    final synchronized void attach(ScheduledFuture<?> renewal, Runnable onEnd) {
        this.renewal = renewal;
        this.onEnd = onEnd;
    }

    /**
     * Extends the lease in the store and records {@code newDeadline} as the highest timestamp this
     * holder may use.
     *
     * @return true if extended; false if the lease belongs to someone else now
     */
    abstract boolean renewInStore(String owner, long newDeadline);

    /** Gives the lease back if still held, recording {@code lastIssued} as the last timestamp used. */
    abstract void releaseInStore(String owner, long lastIssued);

    @Override
    public final long workerId() {
        return workerId;
    }

    @Override
    public final long lastTimestampMillis() {
        return lastTimestamp;
    }

    @Override
    public final long validUntilMillis() {
        return validUntil;
    }

    final String owner() {
        return owner;
    }

    /**
     * Renews now.
     *
     * @return true if the lease is held and was extended
     */
    final synchronized boolean renew() {
        if (endReason != null) {
            return false;
        }
        long start = clock.millis();
        long newDeadline = timings.deadlineAfter(start);
        boolean held;
        try {
            held = renewInStore(owner, newDeadline);
        } catch (RuntimeException e) {
            // Keep the old deadline: the generator stops there unless a later renewal succeeds.
            lastError = String.valueOf(e.getMessage());
            LOG.warn(
                    "renewing the lease of worker id {} in {} failed; IDs stop at {} unless renewed: {}",
                    workerId,
                    store,
                    Instant.ofEpochMilli(validUntil),
                    e.toString());
            return false;
        }
        if (!held) {
            end("taken over by another owner in " + store + " (renewal at " + Instant.ofEpochMilli(start) + ")");
            LOG.error("lost the lease of worker id {} in {}: another owner holds it", workerId, store);
            return false;
        }
        lastError = null;
        lastRenewedAt = start;
        validUntil = newDeadline;
        return true;
    }

    @Override
    public final WorkerIdLeaseLostException lossAt(long nowMillis) {
        String reason = endReason;
        if (reason != null) {
            return new WorkerIdLeaseLostException(workerId, "lease of worker id " + workerId + " ended: " + reason);
        }
        String error = lastError;
        return new WorkerIdLeaseLostException(
                workerId,
                "lease of worker id " + workerId + " in " + store + " was last renewed at "
                        + Instant.ofEpochMilli(lastRenewedAt) + "; IDs stopped at its deadline "
                        + Instant.ofEpochMilli(validUntil) + " (ttl " + timings.ttlMillis() + " ms - safety margin "
                        + timings.safetyMargin().toMillis() + " ms), now " + Instant.ofEpochMilli(nowMillis)
                        + (error == null ? "" : "; last renewal error: " + error));
    }

    @Override
    public final synchronized void release(long lastIssuedMillis) {
        if (endReason == null) {
            end("released");
            try {
                // Never record less than the earlier holder's timestamp that this lease started after.
                releaseInStore(owner, Math.max(lastIssuedMillis, lastTimestamp));
            } catch (RuntimeException e) {
                // The store keeps the deadline written at the last renewal, so the next holder is still safe.
                LOG.warn(
                        "releasing the lease of worker id {} in {} failed; it expires by itself: {}",
                        workerId,
                        store,
                        e.toString());
            }
        }
    }

    private void end(String reason) {
        endReason = reason;
        validUntil = Long.MIN_VALUE;
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
        Runnable done = onEnd;
        if (done != null) {
            done.run();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[workerId=" + workerId + ", owner=" + owner + ", validUntil=" + validUntil
                + "]";
    }
}
