package org.shardkit.core.idgen;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** The heartbeat of an assigner's live leases. Thread-safe. */
final class LeaseRenewals implements AutoCloseable {
    private static final AtomicLong THREADS = new AtomicLong();

    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final long intervalMillis;
    private final Set<RenewingLease> live = ConcurrentHashMap.newKeySet();

    LeaseRenewals(@Nullable ScheduledExecutorService scheduler, LeaseTimings timings) {
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : newScheduler();
        this.intervalMillis = timings.renewInterval().toMillis();
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shardkit-worker-id-renewal-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts renewing {@code lease} every interval until it ends. */
    void start(RenewingLease lease) {
        live.add(lease);
        ScheduledFuture<?> future =
                scheduler.scheduleWithFixedDelay(lease::renew, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        lease.attach(future, () -> live.remove(lease));
    }

    /** Renews every live lease now and returns how many are still held. */
    int renewAll() {
        int held = 0;
        for (RenewingLease lease : live) {
            if (lease.renew()) {
                held++;
            }
        }
        return held;
    }

    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
