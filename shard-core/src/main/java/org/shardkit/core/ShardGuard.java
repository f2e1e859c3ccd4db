package org.shardkit.core;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.metrics.CircuitState;

/**
 * Everything that stands around one shard's calls: the circuit breaker, the shard's bulkhead, the
 * overall bulkhead, and the {@code shardkit.query} timers. Thread-safe.
 */
final class ShardGuard {
    /** A unit of work that may throw a checked exception. */
    @FunctionalInterface
    interface Work<R, X extends Exception> {
        R run() throws X;
    }

    /** How a call ended, the {@code outcome} tag of its timer. */
    private enum Outcome {
        SUCCESS,
        ERROR,
        UNAVAILABLE,
        REJECTED;

        final String tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    private final ShardId shardId;
    private final String shardName;
    private final ShardPool primary;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final @Nullable Bulkhead overall;
    private final MeterRegistry registry;
    private final LongSupplier ticker;
    private final String openFor;
    /** Per operation name, one timer per outcome (by ordinal), built on first use. */
    private final ConcurrentMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    /**
     * Creates the guard.
     *
     * @param shardId the shard
     * @param shardName its name
     * @param primary its primary pool, whose state goes into messages
     * @param breakerConfig breaker settings
     * @param maxConcurrent the shard's concurrency limit
     * @param maxWait how long a call waits for a place under the limit
     * @param overall the overall bulkhead shared by all shards, or null for none
     * @param registry where metrics go
     * @param ticker the nanosecond time source of the timers
     */
    ShardGuard(
            ShardId shardId,
            String shardName,
            ShardPool primary,
            BreakerConfig breakerConfig,
            int maxConcurrent,
            Duration maxWait,
            @Nullable Bulkhead overall,
            MeterRegistry registry,
            LongSupplier ticker) {
        this.shardId = shardId;
        this.shardName = shardName;
        this.primary = primary;
        this.overall = overall;
        this.registry = registry;
        this.ticker = ticker;
        this.openFor = breakerConfig.openDuration().toMillis() + " ms";
        this.breaker = CircuitBreaker.of(
                "shardkit-" + shardName,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(breakerConfig.failureRateThreshold())
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(breakerConfig.slidingWindowSize())
                        .minimumNumberOfCalls(breakerConfig.minimumCalls())
                        .waitDurationInOpenState(breakerConfig.openDuration())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(e -> e instanceof ShardUnavailableException)
                        .build());
        this.bulkhead = Bulkhead.of(
                "shardkit-" + shardName,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent)
                        .maxWaitDuration(maxWait)
                        .build());
        Gauge.builder(Meters.BREAKER_STATE, this, g -> g.circuitState().gaugeValue())
                .description("circuit breaker state: 0 closed, 1 open, 2 half-open")
                .tag(Meters.SHARD, Meters.shardTag(shardId))
                .register(registry);
    }

    /** Returns the breaker's state; a forced-open breaker counts as open, a disabled one as closed. */
    CircuitState circuitState() {
        switch (breaker.getState()) {
            case OPEN:
            case FORCED_OPEN:
                return CircuitState.OPEN;
            case HALF_OPEN:
                return CircuitState.HALF_OPEN;
            default:
                return CircuitState.CLOSED;
        }
    }

    /** Returns the shard's concurrency limit. */
    int maxConcurrent() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    }

    /**
     * Runs work on the shard under the breaker and the bulkheads, and times it.
     *
     * @param operation the operation's name for the timer, e.g. {@code write}, {@code read}
     * @param work the work
     * @return its result
     * @throws X what the work throws
     * @throws ShardCircuitOpenException at once while the breaker is open
     * @throws LimitExceededException when a concurrency limit stays full past the wait
     */
    <R, X extends Exception> R call(String operation, Work<R, X> work) throws X {
        Bulkhead all = overall;
        if (all != null && !all.tryAcquirePermission()) {
            record(operation, Outcome.REJECTED, 0);
            throw new LimitExceededException(
                    shardId,
                    "overall concurrency",
                    all.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls",
                    "no place within "
                            + all.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms");
        }
        try {
            if (!breaker.tryAcquirePermission()) {
                record(operation, Outcome.REJECTED, 0);
                throw new ShardCircuitOpenException(shardId, shardName, openFor, primary.state(), null);
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                record(operation, Outcome.REJECTED, 0);
                throw new LimitExceededException(
                        shardId,
                        shardId + " (" + shardName + ") concurrency",
                        maxConcurrent() + " concurrent calls",
                        // The pool's state says whether the shard is busy (every connection active)
                        // or the limit is set below its connections.
                        "no place within "
                                + bulkhead.getBulkheadConfig()
                                        .getMaxWaitDuration()
                                        .toMillis() + " ms (" + primary.state() + ")");
            }
            long start = ticker.getAsLong();
            try {
                R result = work.run();
                long took = ticker.getAsLong() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                record(operation, Outcome.SUCCESS, took);
                return result;
            } catch (ShardUnavailableException e) {
                long took = ticker.getAsLong() - start;
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
                record(operation, Outcome.UNAVAILABLE, took);
                throw e;
            } catch (Throwable e) {
                // The shard answered; the failure is the statement's or the caller's, not the shard's health.
                long took = ticker.getAsLong() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                record(operation, Outcome.ERROR, took);
                throw e;
            } finally {
                bulkhead.onComplete();
            }
        } finally {
            if (all != null) {
                all.onComplete();
            }
        }
    }

    private void record(String operation, Outcome outcome, long nanos) {
        Timer[] byOutcome = timers.get(operation);
        if (byOutcome == null) {
            byOutcome = timers.computeIfAbsent(operation, this::register);
        }
        byOutcome[outcome.ordinal()].record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    private Timer[] register(String operation) {
        Outcome[] outcomes = Outcome.values();
        Timer[] byOutcome = new Timer[outcomes.length];
        for (Outcome outcome : outcomes) {
            byOutcome[outcome.ordinal()] = Timer.builder(Meters.QUERY)
                    .description("time of operations on a shard")
                    .tag(Meters.SHARD, Meters.shardTag(shardId))
                    .tag(Meters.OPERATION, operation)
                    .tag(Meters.OUTCOME, outcome.tag)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram()
                    .register(registry);
        }
        return byOutcome;
    }
}
