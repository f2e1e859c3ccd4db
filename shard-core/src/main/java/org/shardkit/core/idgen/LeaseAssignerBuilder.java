package org.shardkit.core.idgen;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.shardkit.idgen.spi.WorkerIdAssigner;

/**
 * Builds a leasing worker-id assigner ({@link PostgresWorkerIdAssigner#builder}, {@link
 * RedisWorkerIdAssigner#builder}): the settings every lease shares, its timings, owner name and
 * heartbeat scheduler; where the lease lives is given to the factory that returned this builder.
 * Not thread-safe; setters validate at once.
 *
 * @param <A> the assigner it builds
 */
public final class LeaseAssignerBuilder<A extends WorkerIdAssigner> {
    LeaseTimings timings = LeaseTimings.ofDefaults();
    String owner = defaultOwner();

    @Nullable
    ScheduledExecutorService scheduler;

    private final Function<LeaseAssignerBuilder<A>, A> factory;

    LeaseAssignerBuilder(Function<LeaseAssignerBuilder<A>, A> factory) {
        this.factory = factory;
    }

    private LeaseAssignerBuilder<A> self() {
        return this;
    }

    /**
     * Builds the assigner. Nothing is sent to the store until its first {@code acquire}.
     *
     * @return the assigner
     * @throws IllegalArgumentException if {@code renewInterval + safetyMargin} is not less than
     *     {@code leaseTtl}
     */
    public A build() {
        return factory.apply(this);
    }

    static String defaultOwner() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /**
     * Sets how long a lease lasts in the store after each renewal; default 30 s.
     *
     * @param ttl the time to live, more than {@code safetyMargin + renewInterval} (checked by
     *     {@code build()})
     * @return this builder
     * @throws IllegalArgumentException if less than 1 ms
     */
    public LeaseAssignerBuilder<A> leaseTtl(Duration ttl) {
        this.timings = timings.withTtl(ttl);
        return self();
    }

    /**
     * Sets how often the heartbeat renews; default 10 s.
     *
     * @param interval the interval, less than {@code leaseTtl - safetyMargin} (checked by {@code
     *     build()})
     * @return this builder
     * @throws IllegalArgumentException if less than 1 ms
     */
    public LeaseAssignerBuilder<A> renewInterval(Duration interval) {
        this.timings = timings.withRenewInterval(interval);
        return self();
    }

    /**
     * Sets how long before the lease could expire the generator stops issuing IDs; default 5 s. It
     * must cover a renewal's round trip and the drift between this clock and the store's.
     *
     * @param margin the margin, less than {@code leaseTtl} (checked by {@code build()})
     * @return this builder
     * @throws IllegalArgumentException if less than 1 ms
     */
    public LeaseAssignerBuilder<A> safetyMargin(Duration margin) {
        this.timings = timings.withSafetyMargin(margin);
        return self();
    }

    /**
     * Sets the owner name written with each lease, for operators; default {@code pid-uuid}. Each
     * lease appends {@code #n} to it.
     *
     * @param name a non-empty name
     * @return this builder
     */
    public LeaseAssignerBuilder<A> owner(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("owner must not be empty, but was " + name);
        }
        this.owner = name;
        return self();
    }

    /**
     * Runs the heartbeat on this scheduler instead of a daemon thread of the assigner's own.
     *
     * @param value the scheduler, which the assigner does not shut down
     * @return this builder
     */
    public LeaseAssignerBuilder<A> scheduler(ScheduledExecutorService value) {
        if (value == null) {
            throw new IllegalArgumentException("scheduler must not be null");
        }
        this.scheduler = value;
        return self();
    }
}
