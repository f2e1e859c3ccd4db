package org.shardkit.core;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.HandleCallback;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardFunction;
import org.shardkit.core.scatter.ShardTimeoutException;

/**
 * Runs one function on many shards in parallel under one deadline, and gathers what came back.
 * Each part holds at most one connection and waits for no other part, so concurrent scatters
 * cannot deadlock on the pools. Every time it reads comes from the injected ticker. Thread-safe.
 */
final class ScatterEngine implements AutoCloseable {
    /** The longest the gathering thread waits before it reads the ticker again: 50 ms. */
    private static final long MAX_WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** SQLState of a statement ended by a cancel request or a statement timeout. */
    private static final String QUERY_CANCELED = "57014";

    private final CallPath calls;
    private final Transactions transactions;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final MeterRegistry registry;
    private final DistributionSummary fanout;
    private final LongSupplier ticker;

    ScatterEngine(
            CallPath calls,
            Transactions transactions,
            ExecutorService executor,
            boolean ownsExecutor,
            MeterRegistry registry,
            LongSupplier ticker) {
        this.calls = calls;
        this.transactions = transactions;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.registry = registry;
        this.ticker = ticker;
        this.fanout = DistributionSummary.builder(Meters.SCATTER_FANOUT)
                .description("shards a scatter ran on")
                .register(registry);
    }

    /** Fewest threads of the default executor. */
    static final int MIN_THREADS = 4;
    /** Most threads of the default executor. */
    static final int MAX_THREADS = 512;

    /**
     * The default scatter executor: a bounded pool of daemon threads over an unbounded queue, one
     * thread per pooled connection of the database ({@code connections}, from {@value #MIN_THREADS}
     * to {@value #MAX_THREADS}): each task holds at most one connection, so fewer threads would leave
     * connections idle while scatters queue, and more would only wait for connections. A task never
     * waits for another task, so no number of concurrent scatters can deadlock it on the pools.
     */
    static ExecutorService defaultExecutor(int connections) {
        int threads = Math.max(MIN_THREADS, Math.min(MAX_THREADS, connections));
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "shardkit-scatter-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Returns the executor parts run on (also used for the startup check). */
    ExecutorService executor() {
        return executor;
    }

    <R> ScatterResult<R> run(ScatterRequest request, List<Shard> targets, ShardFunction<R> function) {
        ShardId pinned = transactions.openShard();
        if (pinned != null) {
            throw new ShardkitException(
                    pinned,
                    "scatter inside a transaction pinned to " + pinned
                            + " would need a second connection there; run the scatter outside the transaction",
                    null);
        }
        fanout.record(targets.size());
        long deadline = ticker.getAsLong() + request.deadline().toNanos();
        BlockingQueue<ScatterTask<R>> completed = new LinkedBlockingQueue<>();
        List<ScatterTask<R>> tasks = new ArrayList<>(targets.size());
        for (Shard shard : targets) {
            ScatterTask<R> task = new ScatterTask<>(shard, deadline, ticker);
            tasks.add(task);
            try {
                executor.execute(() -> {
                    try {
                        task.result = runPart(task, request, function);
                    } catch (Throwable t) {
                        task.failure = t;
                    } finally {
                        completed.add(task);
                    }
                });
            } catch (RejectedExecutionException e) {
                task.failure = new ShardkitException(
                        shard.id(), "scatter part on " + shard + " refused by the scatter executor: " + e, e);
                completed.add(task);
            }
        }
        return gather(request, tasks, completed, deadline);
    }

    private <R> ScatterResult<R> gather(
            ScatterRequest request,
            List<ScatterTask<R>> tasks,
            BlockingQueue<ScatterTask<R>> completed,
            long deadline) {
        Map<ShardId, R> results = new TreeMap<>();
        Map<ShardId, Throwable> failures = new TreeMap<>();
        int outstanding = tasks.size();
        try {
            while (outstanding > 0) {
                long wait = deadline - ticker.getAsLong();
                if (wait <= 0) {
                    break;
                }
                // Waits in slices, re-reading the ticker after each, so a deadline passed on an injected
                // ticker ends the wait although no part finished.
                ScatterTask<R> done = completed.poll(Math.min(wait, MAX_WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (done == null) {
                    continue;
                }
                outstanding--;
                done.finished = true;
                Throwable failure = done.failure;
                if (failure == null) {
                    results.put(done.shard.id(), done.result);
                    continue;
                }
                failures.put(done.shard.id(), namingShard(done.shard, failure));
                if (request.policy() == FailurePolicy.FAIL_FAST) {
                    cancelUnfinished(tasks);
                    counted(request, failures.size());
                    throw namingShard(done.shard, failure);
                }
            }
        } catch (InterruptedException e) {
            cancelUnfinished(tasks);
            Thread.currentThread().interrupt();
            throw new ShardkitException("interrupted while waiting for a scatter over " + tasks.size() + " shards", e);
        }
        for (ScatterTask<R> task : tasks) {
            if (!task.finished) {
                String stage = task.stage();
                task.cancel();
                failures.put(
                        task.shard.id(),
                        new ShardTimeoutException(task.shard.id(), task.shard.name(), request.deadline(), stage));
            }
        }
        if (!failures.isEmpty()) {
            counted(request, failures.size());
            if (request.policy() == FailurePolicy.FAIL_FAST) {
                Map.Entry<ShardId, Throwable> first =
                        failures.entrySet().iterator().next();
                throw (ShardkitException) first.getValue();
            }
        }
        return new ScatterResult<>(results, failures);
    }

    private <R> R runPart(ScatterTask<R> task, ScatterRequest request, ShardFunction<R> function) throws Exception {
        Shard shard = task.shard;
        if (task.expired()) {
            // It got a thread only after the deadline (or the caller gave up): nothing ran.
            throw new ShardTimeoutException(shard.id(), shard.name(), request.deadline(), ShardTimeoutException.QUEUED);
        }
        task.connecting();
        return shard.guard().call(request.operation(), () -> {
            if (task.expired()) {
                throw new ShardTimeoutException(
                        shard.id(), shard.name(), request.deadline(), ShardTimeoutException.CONNECTING);
            }
            HandleCallback<R, Exception> callback = handle -> {
                task.running(handle);
                handle.addCustomizer(task);
                try {
                    return function.apply(shard.id(), handle);
                } finally {
                    task.released();
                }
            };
            try {
                return request.isReadOnly()
                        ? calls.replicaOrPrimaryUnguarded(shard, PoolWork.onHandle(callback))
                        : calls.primaryUnguarded(shard, callback, false);
            } catch (ShardQueryException e) {
                if (task.expired() && QUERY_CANCELED.equals(e.sqlState())) {
                    // Cancelled by the deadline, or refused by it before it ran: a timeout, however the
                    // race between this part and the gathering thread ends.
                    throw new ShardTimeoutException(
                            shard.id(), shard.name(), request.deadline(), ShardTimeoutException.CANCELLED);
                }
                throw e;
            }
        });
    }

    /**
     * Returns a failure as a shardkit exception that names the shard: shardkit's own failures of this
     * shard as they are, anything else (the function's own exception, a limit of no shard) wrapped.
     */
    private static ShardkitException namingShard(Shard shard, Throwable failure) {
        if (failure instanceof ShardkitException e && shard.id().equals(e.shardId())) {
            return e;
        }
        return new ShardkitException(shard.id(), "scatter part on " + shard + " failed: " + failure, failure);
    }

    private void counted(ScatterRequest request, int missing) {
        registry.counter(
                        Meters.SCATTER_PARTIAL,
                        Meters.OPERATION,
                        request.operation(),
                        Meters.POLICY,
                        request.policy().name().toLowerCase(Locale.ROOT))
                .increment();
        registry.counter(Meters.SCATTER_MISSING, Meters.OPERATION, request.operation())
                .increment(missing);
    }

    private static void cancelUnfinished(List<? extends ScatterTask<?>> tasks) {
        for (ScatterTask<?> task : tasks) {
            if (!task.finished) {
                task.cancel();
            }
        }
    }

    /** Shuts the executor down if shardkit made it; a caller's executor is the caller's to stop. */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
