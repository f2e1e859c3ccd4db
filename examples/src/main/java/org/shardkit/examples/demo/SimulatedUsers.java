package org.shardkit.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The workload: simulated users, each a loop of one call, then a think time drawn from an
 * exponential distribution, then the next call. Users are many and mostly thinking, so they share a
 * pool of worker threads ({@link #MAX_WORKERS} at most) rather than each holding one.
 *
 * <p>Each call is timed from its <em>intended</em> start, the moment its user's think time ended,
 * not from when a worker picked it up: a call that waits for a worker (or for anything else) counts
 * the wait, so a slow system cannot hide its backlog by slowing the users down (coordinated omission).
 * Failed calls are timed and counted like the others and their errors kept ({@link OperationStats}).
 *
 * <p>Thread-safe. {@link #start()} once, then {@link #stop()}, then {@link #awaitStopped(Duration)}.
 */
final class SimulatedUsers {
    /** The most worker threads the users share: {@value}. */
    static final int MAX_WORKERS = 32;
    /** A think time is drawn at most this many times its mean, so no user sleeps through a short run. */
    private static final int THINK_CAP = 10;

    private final UserActions actions;
    private final int users;
    private final long thinkNanos;
    private final long seed;
    private final LongSupplier nanoTicker;
    private final List<OperationStats> stats = new ArrayList<>(); // in Operation order
    private final ScheduledThreadPoolExecutor workers;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final AtomicReference<@Nullable RuntimeException> brokenDraw = new AtomicReference<>();
    private volatile long startedAt;
    private volatile long stoppedAt;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    /**
     * Creates the users; none runs until {@link #start()}.
     *
     * @param actions what each call is
     * @param users how many users
     * @param thinkTime the mean pause between a user's calls
     * @param seed the seed of the users' random sources
     * @param nanoTicker the time, in nanoseconds
     */
    SimulatedUsers(UserActions actions, int users, Duration thinkTime, long seed, LongSupplier nanoTicker) {
        this.actions = Objects.requireNonNull(actions, "actions");
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, but was " + users);
        }
        if (thinkTime.isNegative()) {
            throw new IllegalArgumentException("thinkTime must not be negative, but was " + thinkTime);
        }
        this.users = users;
        this.thinkNanos = thinkTime.toNanos();
        this.seed = seed;
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        for (Operation op : Operation.values()) {
            stats.add(new OperationStats(op));
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "demo-user-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = new ScheduledThreadPoolExecutor(workerCount(users), threads);
        // A stop cancels the calls whose users are still thinking; calls already due still run.
        workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers.setRemoveOnCancelPolicy(true);
    }

    /** Returns how many worker threads serve {@code users} users. */
    static int workerCount(int users) {
        return Math.min(users, MAX_WORKERS);
    }

    /** Starts every user, their first calls spread over one mean think time. */
    void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException("the users were started already");
        }
        long now = nanoTicker.getAsLong();
        startedAt = now;
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < users; i++) {
            SplittableRandom random = root.split();
            long first = now + (thinkNanos == 0 ? 0 : random.nextLong(thinkNanos));
            schedule(new User(random), first);
        }
    }

    /** Stops the users: calls under way, and calls due but waiting for a worker, finish; no new call starts. */
    void stop() {
        if (state.getAndSet(STOPPED) == RUNNING) {
            stoppedAt = nanoTicker.getAsLong();
        }
        workers.shutdown();
    }

    /**
     * Waits until the calls left by {@link #stop()} have finished.
     *
     * @return true if they finished within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Throws if drawing a call ever failed (a bug of the workload, which stopped that user).
     *
     * @throws IllegalStateException with the first such failure as its cause
     */
    void checkDraws() {
        RuntimeException e = brokenDraw.get();
        if (e != null) {
            throw new IllegalStateException("a simulated user stopped: drawing its next call failed", e);
        }
    }

    /** Returns the time the users have run: from {@link #start()} to {@link #stop()}, or to now. */
    Duration elapsed() {
        if (state.get() == NEW) {
            return Duration.ZERO;
        }
        long end = state.get() == STOPPED && stoppedAt != 0 ? stoppedAt : nanoTicker.getAsLong();
        return Duration.ofNanos(end - startedAt);
    }

    /** Returns the calls made so far, failed ones included. */
    long calls() {
        long sum = 0;
        for (OperationStats s : stats) {
            sum += s.calls();
        }
        return sum;
    }

    /** Returns the failed calls so far. */
    long errors() {
        long sum = 0;
        for (OperationStats s : stats) {
            sum += s.errors();
        }
        return sum;
    }

    /** Returns every operation's figures so far, in {@link Operation} order. */
    List<OperationStats.Summary> summaries() {
        List<OperationStats.Summary> all = new ArrayList<>();
        for (OperationStats s : stats) {
            all.add(s.summary());
        }
        return all;
    }

    private void schedule(User user, long intendedStart) {
        user.intendedStart = intendedStart;
        try {
            workers.schedule(() -> step(user), intendedStart - nanoTicker.getAsLong(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() ran: this user makes no more calls.
        }
    }

    private void step(User user) {
        UserActions.Call call;
        try {
            call = actions.next(user.random);
        } catch (RuntimeException e) { // a bug of the workload, not a failed call: stop this user, tell at the end
            brokenDraw.compareAndSet(null, e);
            return;
        }
        Throwable failure = null;
        try {
            call.body().run();
        } catch (RuntimeException | Error e) { // counted, never dropped
            failure = e;
        }
        long end = nanoTicker.getAsLong();
        stats.get(call.operation().ordinal()).record(end - user.intendedStart, failure);
        if (state.get() == RUNNING) {
            schedule(user, end + think(user.random));
        }
    }

    private long think(SplittableRandom random) {
        if (thinkNanos == 0) {
            return 0;
        }
        double draw = -Math.log(1.0 - random.nextDouble()) * thinkNanos;
        return (long) Math.min(draw, (double) THINK_CAP * thinkNanos);
    }

    /** One user: its random source and the intended start of its next call. Used by one thread at a time. */
    private static final class User {
        final SplittableRandom random;
        long intendedStart;

        User(SplittableRandom random) {
            this.random = random;
        }
    }
}
