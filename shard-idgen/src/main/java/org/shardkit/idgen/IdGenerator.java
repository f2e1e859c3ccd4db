package org.shardkit.idgen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.shardkit.idgen.spi.StaticWorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdLease;

/**
 * Issues unique, time-ordered 64-bit IDs in the layout of an {@link IdLayout}: the entry point of
 * this module.
 *
 * <pre>{@code
 * IdGenerator ids = IdGenerator.builder().workerId(7).build();
 * long id = ids.nextId();
 * IdParts parts = ids.decode(id); // timestamp, worker 7, sequence
 * }</pre>
 *
 * <p><b>Thread-safe and lock-free.</b> The whole mutable state is one {@link AtomicLong} holding the
 * last issued (millisecond, sequence) pair, advanced by compare-and-set; IDs from one thread are
 * strictly increasing, and IDs from all threads are unique.
 *
 * <ul>
 *   <li><b>Sequence exhaustion:</b> after the last sequence number of a millisecond, the next call
 *       waits for the next millisecond (through the {@link WaitStrategy}).
 *   <li><b>Clock steps back:</b> a step of at most {@linkplain Builder#backwardsTolerance the
 *       tolerance} (default {@value #DEFAULT_BACKWARDS_TOLERANCE_MILLIS} ms) is waited out; a larger
 *       one throws {@link ClockMovedBackwardsException} until the clock has caught up.
 *   <li><b>Even spread:</b> a new millisecond does not restart the sequence at 0 but continues from
 *       the previous sequence plus a step of 1 to 16 taken from a hash of the millisecond, wrapping
 *       within the lower half of the sequence space (modulo 2,048 by default), so at low rates {@code
 *       id % N} is uniform, for powers of two and for other shard counts alike.
 *   <li><b>No waiting at low rates:</b> because a new millisecond starts at most at {@code
 *       maxSequence / 2} (2,047 by default), at least half of its sequence space (2,049 IDs by
 *       default) is free, so a generator issuing at most that many IDs per millisecond never waits
 *       for the sequence. After a used-up millisecond the next starts at 0, so at saturation every
 *       millisecond has its full 4,096 (by default) IDs. (A layout with a single sequence bit always
 *       starts at 0.)
 *   <li><b>Worker-id leases:</b> no ID is issued with a timestamp after the lease's {@linkplain
 *       WorkerIdLease#validUntilMillis deadline}; past it, {@link WorkerIdLeaseLostException}. A
 *       timestamp remembered with the lease is never reused.
 * </ul>
 */
public final class IdGenerator implements AutoCloseable {

    /** Default tolerance for the clock stepping back, in milliseconds: 10. */
    public static final long DEFAULT_BACKWARDS_TOLERANCE_MILLIS = 10;

    /** State after {@link #close()}: its millisecond part is beyond any clock, so it takes the slow path. */
    private static final long CLOSED = -1L;

    private final IdLayout layout;
    private final Clock clock;
    private final WaitStrategy waitStrategy;
    private final WorkerIdLease lease;
    private final Duration tolerance;
    private final long toleranceMillis;
    private final long epochMillis;
    private final long workerId;
    private final long workerPart;
    private final int sequenceBits;
    private final long sequenceMask;
    /** {@code sequenceMask >>> 1}: a new millisecond starts in the lower half of the sequence space. */
    private final long startMask;

    private final int timestampShift;
    private final long maxOffset;
    /** (milliseconds since epoch of the last ID) << sequenceBits | (its sequence). */
    private final AtomicLong state;

    private IdGenerator(Builder b, WorkerIdLease lease, long initialState) {
        this.layout = b.layout;
        this.clock = b.clock;
        this.waitStrategy = b.waitStrategy;
        this.lease = lease;
        this.tolerance = b.backwardsTolerance;
        this.toleranceMillis = b.backwardsTolerance.toMillis();
        this.epochMillis = layout.epochMillis();
        this.workerId = lease.workerId();
        this.sequenceBits = layout.sequenceBits();
        this.sequenceMask = layout.maxSequence();
        this.startMask = sequenceMask >>> 1;
        this.workerPart = workerId << sequenceBits;
        this.timestampShift = layout.workerBits() + layout.sequenceBits();
        this.maxOffset = layout.maxTimestampOffsetMillis();
        this.state = new AtomicLong(initialState);
    }

    /**
     * Returns a new builder with the default layout, the system UTC clock, a tolerance of {@value
     * #DEFAULT_BACKWARDS_TOLERANCE_MILLIS} ms and {@link WaitStrategy#spinThenPark()}. A worker id
     * or assigner must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issues the next ID. Lock-free; may wait for the next millisecond when this one's sequence is
     * used up or while a small backwards step of the clock is waited out.
     *
     * @return a positive ID, greater than every ID this generator returned before to this thread
     * @throws ClockMovedBackwardsException if the clock is behind the last issued timestamp by more
     *     than the tolerance
     * @throws WorkerIdLeaseLostException if the worker id's lease is lost or past its deadline
     * @throws IdGenerationException if the timestamp no longer fits the layout
     * @throws IllegalStateException if the generator is closed
     */
    public long nextId() {
        final AtomicLong st = state;
        for (; ; ) {
            // State first, clock second: any state we see was made from a clock reading no later than ours.
            long prev = st.get();
            long now = clock.millis();
            long offset = now - epochMillis;
            long prevOffset = prev >>> sequenceBits;
            long next;
            if (offset > prevOffset) {
                next = (offset << sequenceBits) | firstSequence(prev & sequenceMask, offset);
                if (offset > maxOffset) {
                    throw overflow(now);
                }
            } else if (offset == prevOffset) {
                if ((prev & sequenceMask) == sequenceMask) {
                    waitStrategy.await(now, now + 1);
                    continue;
                }
                next = prev + 1;
            } else {
                awaitBackwardsStep(prev, now, prevOffset - offset);
                continue;
            }
            if (now > lease.validUntilMillis()) {
                throw lease.lossAt(now);
            }
            if (st.compareAndSet(prev, next)) {
                return ((next >>> sequenceBits) << timestampShift) | workerPart | (next & sequenceMask);
            }
        }
    }

    /**
     * The sequence a new millisecond starts at. After a used-up millisecond: 0, so a saturated
     * generator keeps its full rate. Otherwise the previous sequence plus 1 to 16, the step taken from
     * a hash of the millisecond: restarting at 0 would make every ID even, and a step of exactly 1
     * would move timestamp and sequence in lockstep so that {@code id % 10} hits only a few values.
     * The carry wraps modulo half the sequence space: a start near the top would leave the
     * millisecond only a few IDs, and a generator at a handful of IDs per millisecond would then wait
     * for the next one. The start still walks evenly over the whole lower half, so {@code id % N}
     * stays uniform.
     */
    private long firstSequence(long prevSequence, long offset) {
        if (prevSequence == sequenceMask) {
            return 0;
        }
        return (prevSequence + 1 + jitter(offset)) & startMask;
    }

    /** 0 to 15 from the SplitMix64 finalizer of {@code offset}: stateless, so it needs no lock. */
    private static long jitter(long offset) {
        long z = offset * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 60;
    }

    private void awaitBackwardsStep(long prev, long now, long drift) {
        if (prev == CLOSED) {
            throw new IllegalStateException("IdGenerator for worker " + workerId + " is closed");
        }
        if (drift > toleranceMillis) {
            throw new ClockMovedBackwardsException(Duration.ofMillis(drift), tolerance, workerId);
        }
        waitStrategy.await(now, now + drift);
    }

    private IdGenerationException overflow(long now) {
        return new IdGenerationException("timestamp " + Instant.ofEpochMilli(now) + " is "
                + (now - epochMillis) + " ms after the epoch " + layout.epoch() + ", beyond the "
                + layout.timestampBits() + "-bit limit of " + maxOffset + " ms");
    }

    /**
     * Decodes an ID of this generator's layout into its timestamp, worker id and sequence.
     *
     * @param id the ID
     * @return its parts
     * @throws IllegalArgumentException if the ID is negative
     */
    public IdParts decode(long id) {
        return layout.decode(id);
    }

    /**
     * Returns the layout.
     *
     * @return the layout
     */
    public IdLayout layout() {
        return layout;
    }

    /**
     * Returns the worker id in every ID of this generator.
     *
     * @return the worker id
     */
    public long workerId() {
        return workerId;
    }

    /**
     * Stops issuing IDs and releases the worker id, recording the timestamp of the last ID so that
     * the next holder does not reuse it. Later calls to {@link #nextId()} throw {@link
     * IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        long last = state.getAndSet(CLOSED);
        if (last != CLOSED) {
            lease.release((last >>> sequenceBits) + epochMillis);
        }
    }

    @Override
    public String toString() {
        return "IdGenerator[workerId=" + workerId + ", layout=" + layout + "]";
    }

    /** Builds an {@link IdGenerator}. Not thread-safe; each setter validates its argument at once. */
    public static final class Builder {
        private IdLayout layout = IdLayout.ofDefaults();
        private Clock clock = Clock.systemUTC();
        private Duration backwardsTolerance = Duration.ofMillis(DEFAULT_BACKWARDS_TOLERANCE_MILLIS);
        private WaitStrategy waitStrategy = WaitStrategy.spinThenPark();
        private @Nullable WorkerIdAssigner assigner;

        private Builder() {}

        /**
         * Sets the layout; default {@link IdLayout#ofDefaults()}.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder layout(IdLayout layout) {
            this.layout = requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Uses a fixed worker id ({@link StaticWorkerIdAssigner}).
         *
         * @param workerId the worker id, in {@code [0, layout.maxWorkerId()]} (checked by {@link
         *     #build()})
         * @return this builder
         * @throws IllegalArgumentException if {@code workerId} is negative
         */
        public Builder workerId(long workerId) {
            this.assigner = StaticWorkerIdAssigner.of(workerId);
            return this;
        }

        /**
         * Uses an assigner for the worker id, such as a lease in a shared store.
         *
         * @param assigner the assigner
         * @return this builder
         */
        public Builder workerIdAssigner(WorkerIdAssigner assigner) {
            this.assigner = requireNonNull(assigner, "assigner");
            return this;
        }

        /**
         * Sets the clock; default {@link Clock#systemUTC()}. Only {@link Clock#millis()} is read.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how far the clock may step back and be waited out; default {@value
         * IdGenerator#DEFAULT_BACKWARDS_TOLERANCE_MILLIS} ms. A larger step throws {@link
         * ClockMovedBackwardsException}.
         *
         * @param tolerance the tolerance, zero or positive, in whole milliseconds
         * @return this builder
         * @throws IllegalArgumentException if the tolerance is negative
         */
        public Builder backwardsTolerance(Duration tolerance) {
            requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("backwardsTolerance must not be negative, but was " + tolerance);
            }
            this.backwardsTolerance = tolerance;
            return this;
        }

        /**
         * Sets how to wait for the clock; default {@link WaitStrategy#spinThenPark()}.
         *
         * @param waitStrategy the strategy
         * @return this builder
         */
        public Builder waitStrategy(WaitStrategy waitStrategy) {
            this.waitStrategy = requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        /**
         * Acquires the worker id and builds the generator.
         *
         * @return the generator, which should be {@linkplain IdGenerator#close closed} to release a
         *     leased worker id
         * @throws IllegalArgumentException if the epoch is in the future or the worker id is out of
         *     range
         * @throws IllegalStateException if no worker id or assigner was set
         * @throws ClockMovedBackwardsException if the worker id's stored last timestamp is ahead of the
         *     clock by more than the tolerance
         * @throws WorkerIdUnavailableException if the assigner has no free worker id
         */
        public IdGenerator build() {
            WorkerIdAssigner a = assigner;
            if (a == null) {
                throw new IllegalStateException("a workerId or workerIdAssigner must be set");
            }
            long now = clock.millis();
            long epochMillis = layout.epochMillis();
            if (epochMillis > now) {
                throw new IllegalArgumentException("epoch must not be in the future, but was " + layout.epoch()
                        + " (clock: " + Instant.ofEpochMilli(now) + ")");
            }
            if (now - epochMillis > layout.maxTimestampOffsetMillis()) {
                throw new IllegalArgumentException("epoch " + layout.epoch() + " is " + (now - epochMillis)
                        + " ms in the past, beyond the " + layout.timestampBits() + "-bit limit of "
                        + layout.maxTimestampOffsetMillis() + " ms");
            }
            WorkerIdLease lease = a.acquire(layout.maxWorkerId(), clock);
            long floor = lease.lastTimestampMillis();
            long floorOffset = 0;
            if (floor != WorkerIdLease.NO_TIMESTAMP) {
                long drift = floor - now;
                if (drift > backwardsTolerance.toMillis()) {
                    lease.release(floor);
                    throw new ClockMovedBackwardsException(
                            Duration.ofMillis(drift), backwardsTolerance, lease.workerId());
                }
                floorOffset = Math.max(0, floor - epochMillis);
            }
            // Sequence at its maximum: the floor millisecond counts as used, and the next starts at 0.
            return new IdGenerator(this, lease, (floorOffset << layout.sequenceBits()) | layout.maxSequence());
        }

        private static <T> T requireNonNull(@Nullable T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }
    }
}
