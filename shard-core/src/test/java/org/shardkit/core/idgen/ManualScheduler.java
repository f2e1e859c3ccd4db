package org.shardkit.core.idgen;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose fixed-delay tasks run only when the test calls {@link #runAll()}; it records
 * each task's delay and returns a real future so that cancellation can be checked. Thread-safe.
 */
final class ManualScheduler extends ScheduledThreadPoolExecutor {
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    final List<Long> delaysMillis = new CopyOnWriteArrayList<>();
    final List<ScheduledFuture<?>> futures = new CopyOnWriteArrayList<>();

    ManualScheduler() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        tasks.add(command);
        delaysMillis.add(unit.toMillis(delay));
        // A stand-in that never fires during a test but can be cancelled like the real one.
        ScheduledFuture<?> future = super.schedule(() -> {}, 1, TimeUnit.DAYS);
        futures.add(future);
        return future;
    }

    /** Runs every recorded task once, as one heartbeat tick. */
    void runAll() {
        for (int i = 0; i < tasks.size(); i++) {
            if (!futures.get(i).isCancelled()) {
                tasks.get(i).run();
            }
        }
    }
}
