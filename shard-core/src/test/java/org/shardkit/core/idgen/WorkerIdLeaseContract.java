package org.shardkit.core.idgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shardkit.idgen.ClockMovedBackwardsException;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.idgen.IdParts;
import org.shardkit.idgen.WorkerIdLeaseLostException;
import org.shardkit.idgen.WorkerIdUnavailableException;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdLease;
import org.shardkit.testing.FakeClock;

/**
 * What every shared-store worker-id lease must do. Each "stack" is an assigner of its own, as in a
 * separate process; time is a fake clock per stack, and expiry in the store is forced by the
 * subclass, so nothing waits for real time.
 */
abstract class WorkerIdLeaseContract {
    /** TTL 1 h, safety margin 1 min: the local deadline is 59 min after each renewal. */
    static final Duration TTL = Duration.ofHours(1);

    static final Duration MARGIN = Duration.ofMinutes(1);
    /** The heartbeat never fires during a test; tests renew explicitly. */
    static final Duration RENEW_INTERVAL = Duration.ofMinutes(30);

    static final long T0 = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    static final long DEADLINE = T0 + TTL.toMillis() - MARGIN.toMillis();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * A new, independent assigner on the shared store, with the timings above.
     *
     * @param scheduler the heartbeat's scheduler, or null for the assigner's own thread
     */
    abstract WorkerIdAssigner newAssigner(@Nullable ScheduledExecutorService scheduler);

    /** Makes the store treat the lease of {@code workerId} as expired, as if its TTL had passed. */
    abstract void expireInStore(long workerId);

    /** The last timestamp the store holds for {@code workerId}. */
    abstract long storedLastTimestamp(long workerId);

    abstract int renewAll(WorkerIdAssigner assigner);

    /** Removes what the test left in the store; runs after every generator and assigner is closed. */
    abstract void clearStore();

    final WorkerIdAssigner stack() {
        return stack(null);
    }

    final WorkerIdAssigner stack(@Nullable ScheduledExecutorService scheduler) {
        WorkerIdAssigner assigner = newAssigner(scheduler);
        closeables.add((AutoCloseable) assigner);
        return assigner;
    }

    /** A fake clock (shard-testing's, shared by every module's tests) showing {@code epochMillis}. */
    static FakeClock clockAt(long epochMillis) {
        return FakeClock.at(Instant.ofEpochMilli(epochMillis));
    }

    final IdGenerator generator(WorkerIdAssigner assigner, FakeClock clock) {
        IdGenerator generator = IdGenerator.builder()
                .workerIdAssigner(assigner)
                .clock(clock)
                .waitStrategy((now, until) -> clock.advanceTo(until)) // jumps instead of waiting
                .build();
        closeables.add(generator);
        return generator;
    }

    @AfterEach
    final void closeStacks() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        clearStore();
    }

    @Test
    void acquire_twoStacks_getDifferentWorkerIdsAndDisjointIds() {
        FakeClock clock = clockAt(T0);
        IdGenerator a = generator(stack(), clock);
        IdGenerator b = generator(stack(), clock);

        assertThat(a.workerId()).isEqualTo(0);
        assertThat(b.workerId()).isEqualTo(1);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(a.nextId())).isTrue();
            assertThat(ids.add(b.nextId())).isTrue();
        }
    }

    @Test
    void acquire_manyStacksConcurrently_neverShareWorkerId() throws Exception {
        int stacks = 4;
        int leasesEach = 8;
        List<WorkerIdAssigner> assigners = new ArrayList<>();
        for (int i = 0; i < stacks; i++) {
            assigners.add(stack());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(stacks);
        List<Long> workerIds = new ArrayList<>();
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (WorkerIdAssigner assigner : assigners) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < leasesEach; i++) {
                        mine.add(assigner.acquire(63, clockAt(T0)).workerId());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Long>> f : futures) {
                workerIds.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(workerIds).hasSize(stacks * leasesEach).doesNotHaveDuplicates();
        assertThat(workerIds).allSatisfy(id -> assertThat(id).isBetween(0L, 31L));
    }

    @Test
    void acquire_allLeased_throwsUnavailableNamingTheRange() {
        WorkerIdAssigner assigner = stack();
        for (int i = 0; i < 4; i++) {
            assigner.acquire(3, clockAt(T0));
        }

        assertThatThrownBy(() -> stack().acquire(3, clockAt(T0)))
                .isInstanceOf(WorkerIdUnavailableException.class)
                .hasMessageContaining("all 4 worker ids [0, 3]")
                .hasMessageContaining("are leased");
    }

    @Test
    void acquire_storesDeadlineAsLastTimestamp_renewMovesIt() {
        FakeClock clock = clockAt(T0);
        WorkerIdAssigner assigner = stack();
        WorkerIdLease lease = assigner.acquire(1023, clock);

        assertThat(lease.lastTimestampMillis()).isEqualTo(WorkerIdLease.NO_TIMESTAMP);
        assertThat(lease.validUntilMillis()).isEqualTo(DEADLINE);
        assertThat(storedLastTimestamp(lease.workerId())).isEqualTo(DEADLINE);

        clock.advanceMillis(600_000);
        assertThat(renewAll(assigner)).isEqualTo(1);

        assertThat(lease.validUntilMillis()).isEqualTo(DEADLINE + 600_000);
        assertThat(storedLastTimestamp(lease.workerId())).isEqualTo(DEADLINE + 600_000);
    }

    @Test
    void heartbeat_renewsEveryIntervalAndStopsWhenReleased() {
        ManualScheduler scheduler = new ManualScheduler();
        closeables.add(scheduler::shutdownNow);
        FakeClock clock = clockAt(T0);
        IdGenerator generator = generator(stack(scheduler), clock);
        assertThat(scheduler.delaysMillis).containsExactly(RENEW_INTERVAL.toMillis());

        clock.advanceMillis(RENEW_INTERVAL.toMillis());
        scheduler.runAll();

        long renewedDeadline = DEADLINE + RENEW_INTERVAL.toMillis();
        assertThat(storedLastTimestamp(0)).isEqualTo(renewedDeadline);
        clock.advanceMillis(DEADLINE - T0); // past the first deadline, before the renewed one
        long id = generator.nextId();
        assertThat(generator.decode(id).timestamp().toEpochMilli()).isGreaterThan(DEADLINE);

        generator.close();

        assertThat(scheduler.futures)
                .singleElement()
                .satisfies(f -> assertThat(f.isCancelled()).isTrue());
        assertThat(storedLastTimestamp(0))
                .isEqualTo(generator.decode(id).timestamp().toEpochMilli());
    }

    @Test
    void nextId_pastDeadlineWithoutRenewal_stopsUntilRenewed() {
        FakeClock clock = clockAt(T0);
        WorkerIdAssigner assigner = stack();
        IdGenerator generator = generator(assigner, clock);
        long before = generator.nextId();

        clock.advanceMillis(DEADLINE - T0 + 1);

        assertThatThrownBy(generator::nextId)
                .isInstanceOfSatisfying(
                        WorkerIdLeaseLostException.class,
                        e -> assertThat(e.workerId()).isEqualTo(0))
                .hasMessageContaining("IDs stopped at its deadline " + Instant.ofEpochMilli(DEADLINE));

        assertThat(renewAll(assigner)).isEqualTo(1);
        assertThat(generator.nextId()).isGreaterThan(before);
    }

    @Test
    void expiredLease_isTakenOver_oldHolderStops_newHolderStartsAfterItsDeadline() {
        FakeClock clockA = clockAt(T0);
        WorkerIdAssigner stackA = stack();
        IdGenerator a = generator(stackA, clockA);
        long lastOfA = a.nextId();
        assertThat(a.workerId()).isEqualTo(0);

        expireInStore(0);
        // B's clock is 5 ms behind A's deadline: B must wait past it, not reuse A's milliseconds.
        FakeClock clockB = clockAt(DEADLINE - 5);
        IdGenerator b = generator(stack(), clockB);

        assertThat(b.workerId()).isEqualTo(0);
        IdParts firstOfB = b.decode(b.nextId());
        assertThat(firstOfB.timestamp().toEpochMilli()).isGreaterThan(DEADLINE);
        assertThat(renewAll(stackA)).isZero();
        assertThatThrownBy(a::nextId)
                .isInstanceOf(WorkerIdLeaseLostException.class)
                .hasMessageContaining("lease of worker id 0 ended: taken over by another owner");
        assertThat(a.decode(lastOfA).timestamp().toEpochMilli()).isLessThan(DEADLINE);
    }

    @Test
    void restart_clockBehindStoredTimestamp_waitsWithinToleranceAndRefusesBeyond() {
        FakeClock clockA = clockAt(T0);
        IdGenerator a = generator(stack(), clockA);
        List<Long> idsOfA = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            idsOfA.add(a.nextId());
            clockA.advanceMillis(1);
        }
        long lastOfA = idsOfA.get(idsOfA.size() - 1);
        long lastMillisOfA = a.decode(lastOfA).timestamp().toEpochMilli();
        a.close();
        assertThat(storedLastTimestamp(0)).isEqualTo(lastMillisOfA);

        // Restarted 6 ms behind: within the 10 ms tolerance, so it waits.
        FakeClock clockB = clockAt(lastMillisOfA - 6);
        IdGenerator b = generator(stack(), clockB);
        assertThat(b.workerId()).isEqualTo(0);
        long firstOfB = b.nextId();
        assertThat(firstOfB).isGreaterThan(lastOfA);
        assertThat(idsOfA).doesNotContain(firstOfB);
        assertThat(b.decode(firstOfB).timestamp().toEpochMilli()).isEqualTo(lastMillisOfA + 1);
        b.close();

        // Restarted 10 s behind: refuses, and gives the worker id back unchanged.
        WorkerIdAssigner stackC = stack();
        assertThatThrownBy(() -> generator(stackC, clockAt(lastMillisOfA - 10_000)))
                .isInstanceOfSatisfying(
                        ClockMovedBackwardsException.class,
                        e -> assertThat(e.drift()).isEqualTo(Duration.ofMillis(10_000 + 1)));
        assertThat(storedLastTimestamp(0)).isEqualTo(lastMillisOfA + 1);
        assertThat(stack().acquire(1023, clockAt(lastMillisOfA + 5)).workerId()).isEqualTo(0);
    }
}
