package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shardkit.testing.FakeClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, case 6: the clock steps back by 5 ms, 50 ms and 10 s under a running generator — four
 * threads issuing IDs the whole time, an injected {@link FakeClock} driven by the test. Each step
 * must give what docs/ids.md promises for the default tolerance ({@value
 * IdGenerator#DEFAULT_BACKWARDS_TOLERANCE_MILLIS} ms): within it, the generator waits (through its
 * wait strategy) until the clock is back at the last issued millisecond; beyond it, {@code nextId()}
 * throws {@link ClockMovedBackwardsException} naming the drift until the clock is back within the
 * tolerance, and then waits out the rest. No ID is repeated over the whole run.
 *
 * <p>Time is fake, so nothing here waits for real time: the wait strategy moves the clock to the
 * awaited millisecond, as a real clock would get there, but only if the clock still shows what the
 * generator read (otherwise the test has just stepped it back, and the generator must see that).
 */
@Tag("reliability")
class ClockStepBackTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClockStepBackTest.class);
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final int THREADS = 4;
    /** IDs the threads issue between two ticks of the clock: a load well below 4,096 per millisecond. */
    private static final int IDS_PER_TICK = 300;
    /** Milliseconds the clock ticks forward before and after each step. */
    private static final int TICKS_AROUND_A_STEP = 40;
    /** Guards against a hang only; a healthy run needs well under a second per phase. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final FakeClock clock = FakeClock.at(START);
    /** Held while the clock moves: a step back must not be undone by a wait that read the clock before it. */
    private final Object timeLock = new Object();

    private final ConcurrentLinkedQueue<Long> waitsMillis = new ConcurrentLinkedQueue<>();
    /** Refusals since the last step; each is checked when caught, so only counts are kept. */
    private final AtomicLong refusals = new AtomicLong();

    private final AtomicLong largestDrift = new AtomicLong();
    /** The step under way and the tolerance: what a refusal may name. */
    private volatile long currentStepMillis;

    private final ConcurrentLinkedQueue<String> badRefusals = new ConcurrentLinkedQueue<>();
    private final AtomicLong issued = new AtomicLong();
    /**
     * How many IDs the threads may have issued: they call {@code nextId()} only below it. The test
     * raises it a batch per millisecond (a steady load, well below 4,096 per millisecond), and lifts
     * it while the clock is stepped back, so that the threads keep calling and meet the step.
     */
    private final AtomicLong budget = new AtomicLong();
    /** The highest ID issued so far, by any thread. */
    private final AtomicLong highest = new AtomicLong();

    private volatile boolean running = true;

    /** What one step did: the figures the test reports and checks. */
    private record StepOutcome(
            long stepMillis, long idsIssued, long refusals, long largestDriftMillis, long longestWaitMillis) {}

    @Test
    void runningGenerator_clockStepsBack5ms50msAnd10s_waitsOrRefusesAsDocumented_andNeverRepeatsAnId()
            throws Exception {
        IdGenerator generator = IdGenerator.builder()
                .workerId(9)
                .clock(clock)
                .waitStrategy(this::awaitOnFakeClock)
                .build();
        long tolerance = IdGenerator.DEFAULT_BACKWARDS_TOLERANCE_MILLIS;
        List<Issuer> issuers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Issuer issuer = new Issuer(generator);
            issuers.add(issuer);
            issuer.thread.start();
        }
        List<StepOutcome> outcomes = new ArrayList<>();
        try {
            tick(TICKS_AROUND_A_STEP);
            for (long step : new long[] {5, 50, 10_000}) {
                outcomes.add(stepBack(generator, step, tolerance));
                tick(TICKS_AROUND_A_STEP);
            }
        } finally {
            running = false;
            for (Issuer issuer : issuers) {
                issuer.thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        for (Issuer issuer : issuers) {
            assertThat(issuer.failure).as("an issuing thread failed").isNull();
        }

        StepOutcome within = outcomes.get(0);
        assertThat(within.refusals())
                .as("a 5 ms step is within the tolerance: no refusal")
                .isZero();
        assertThat(within.longestWaitMillis()).as("the 5 ms step is waited out").isEqualTo(5);
        for (StepOutcome beyond : outcomes.subList(1, 3)) {
            assertThat(beyond.refusals())
                    .as("refusals after a %d ms step", beyond.stepMillis())
                    .isPositive();
            assertThat(beyond.largestDriftMillis()).isEqualTo(beyond.stepMillis());
            assertThat(beyond.longestWaitMillis())
                    .as("after a %d ms step the last stretch within the tolerance is waited out", beyond.stepMillis())
                    .isPositive()
                    .isLessThanOrEqualTo(tolerance);
        }

        long total = 0;
        for (Issuer issuer : issuers) {
            issuer.assertStrictlyIncreasing();
            total += issuer.count;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (Issuer issuer : issuers) {
            System.arraycopy(issuer.ids, 0, all, at, issuer.count);
            at += issuer.count;
        }
        Arrays.sort(all);
        int duplicates = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                duplicates++;
            }
        }
        assertThat(duplicates).as("duplicate IDs among %d", all.length).isZero();
        assertThat(total).isEqualTo(issued.get());
        LOG.info("clock steps back: {} IDs issued by {} threads, {} duplicates", total, THREADS, duplicates);
        for (StepOutcome o : outcomes) {
            LOG.info(
                    "  step back {} ms: {} IDs issued around it, {} ClockMovedBackwardsException (largest drift {} ms),"
                            + " longest wait {} fake-clock ms",
                    o.stepMillis(),
                    o.idsIssued(),
                    o.refusals(),
                    o.largestDriftMillis(),
                    o.longestWaitMillis());
        }
    }

    /**
     * Steps the clock back once the last issued ID carries the current millisecond, then moves it
     * forward again as a real clock would (in tenths of the step) until the generator issues IDs.
     */
    private StepOutcome stepBack(IdGenerator generator, long stepMillis, long tolerance) {
        long issuedBefore = issued.get();
        waitsMillis.clear();
        refusals.set(0);
        largestDrift.set(0);
        currentStepMillis = stepMillis;
        long now;
        for (; ; ) {
            // The drift a refusal names is exactly the step only if an ID of this very millisecond exists.
            budget.set(issued.get() + IDS_PER_TICK);
            awaitCondition("an ID stamped " + clock.instant(), () -> lastIssuedMillis(generator) == clock.millis());
            synchronized (timeLock) { // the clock cannot move in here: the last ID is still of its millisecond
                now = clock.millis();
                if (lastIssuedMillis(generator) == now) {
                    clock.set(Instant.ofEpochMilli(now - stepMillis));
                    budget.set(Long.MAX_VALUE);
                    break;
                }
            }
        }
        long stride = Math.max(1, stepMillis / 10);
        while (clock.millis() < now - tolerance) {
            long refusalsSoFar = refusals.get();
            // Beyond the tolerance no ID can be issued: the clock stands still until the threads have met it.
            awaitCondition(
                    "the threads to meet the clock " + (now - clock.millis()) + " ms back",
                    () -> refusals.get() >= refusalsSoFar + THREADS);
            synchronized (timeLock) {
                clock.advanceMillis(Math.min(stride, now - tolerance - clock.millis()));
            }
        }
        long resumedAt = issued.get();
        awaitCondition("IDs again after the step", () -> issued.get() >= resumedAt + IDS_PER_TICK);
        budget.set(issued.get());
        assertThat(badRefusals)
                .as("refusals that differ from the documented one")
                .isEmpty();
        assertThat(lastIssuedMillis(generator))
                .as("IDs resume at or after the millisecond of the last ID before the step")
                .isGreaterThanOrEqualTo(now);
        long longestWait = waitsMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        return new StepOutcome(
                stepMillis, issued.get() - issuedBefore, refusals.get(), largestDrift.get(), longestWait);
    }

    /** Checks a refusal against the documented one: a drift beyond the tolerance, within the step, named. */
    private void onRefusal(ClockMovedBackwardsException e) {
        long drift = e.drift().toMillis();
        long tolerance = IdGenerator.DEFAULT_BACKWARDS_TOLERANCE_MILLIS;
        String expected = "clock moved backwards by " + drift + " ms for worker 9, more than the tolerance of "
                + tolerance + " ms; refusing to issue IDs until the clock passes the last issued timestamp";
        if (drift <= tolerance
                || drift > currentStepMillis
                || !e.tolerance().equals(Duration.ofMillis(tolerance))
                || !expected.equals(e.getMessage())) {
            badRefusals.add(e.getMessage() + " (step " + currentStepMillis + " ms)");
        }
        largestDrift.accumulateAndGet(drift, Math::max);
        refusals.incrementAndGet();
    }

    private long lastIssuedMillis(IdGenerator generator) {
        long id = highest.get();
        return id == 0 ? Long.MIN_VALUE : generator.decode(id).timestamp().toEpochMilli();
    }

    /** Moves the clock forward one millisecond at a time, each after the threads issued a batch of IDs. */
    private void tick(int millis) {
        for (int i = 0; i < millis; i++) {
            long target = issued.get() + IDS_PER_TICK;
            budget.set(target);
            awaitCondition("IDs at " + clock.instant(), () -> issued.get() >= target);
            synchronized (timeLock) {
                clock.advanceMillis(1);
            }
        }
    }

    /**
     * The generator's wait strategy: records the wait in fake-clock milliseconds and moves the clock
     * there, unless the clock no longer shows what the generator read.
     */
    private void awaitOnFakeClock(long nowMillis, long untilMillis) {
        synchronized (timeLock) {
            if (clock.millis() == nowMillis) {
                if (untilMillis - nowMillis > 1) {
                    waitsMillis.add(untilMillis - nowMillis); // a backwards step; 1 ms is a used-up sequence
                }
                clock.advanceTo(untilMillis);
            }
        }
        Thread.onSpinWait();
    }

    private void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + HANG_GUARD + " for " + what + "; refusals " + refusals.get()
                        + ", issued " + issued.get() + ", clock " + clock.instant());
            }
            Thread.onSpinWait();
        }
    }

    /** A thread calling {@code nextId()} until stopped, keeping every ID it got in order. */
    private final class Issuer implements Runnable {
        final Thread thread;
        final IdGenerator generator;
        long[] ids = new long[1 << 16];
        int count;
        volatile @Nullable Throwable failure;

        Issuer(IdGenerator generator) {
            this.generator = generator;
            this.thread = new Thread(this, "issuer");
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    if (issued.get() >= budget.get()) {
                        Thread.onSpinWait(); // the load is the test's: a batch per millisecond
                        continue;
                    }
                    long id;
                    try {
                        id = generator.nextId();
                    } catch (ClockMovedBackwardsException e) {
                        onRefusal(e);
                        Thread.yield(); // as a caller would back off; leaves the core to the clock's driver
                        continue;
                    }
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                    }
                    ids[count++] = id;
                    highest.accumulateAndGet(id, Math::max);
                    issued.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void assertStrictlyIncreasing() {
            for (int i = 1; i < count; i++) {
                if (ids[i] <= ids[i - 1]) {
                    throw new AssertionError(
                            "id " + ids[i] + " at " + i + " is not greater than the one before, " + ids[i - 1]);
                }
            }
        }
    }
}
