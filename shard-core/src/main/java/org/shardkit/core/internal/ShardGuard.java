package org.shardkit.core.internal;

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
import org.jspecify.annotations.Nullable;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardCircuitOpenException;
import org.shardkit.core.ShardUnavailableException;
import org.shardkit.core.config.BreakerConfig;

/**
 * Everything that stands around one shard's calls: the circuit breaker, the shard's bulkhead, the
 * overall bulkhead, and the timers. Thread-safe.
 */
public final class ShardGuard {
    /** A unit of work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<R, X extends Exception> {
        /** Runs the work. */
        R run() throws X;
    }

    private final Shard shard;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final @Nullable Bulkhead overall;
    private final MeterRegistry registry;
    private final String openFor;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Creates the guard.
     *
     * @param shard the shard
     * @param breakerConfig breaker settings
     * @param maxConcurrent the shard's concurrency limit
     * @param maxWait how long a call waits for a place under the limit
     * @param overall the overall bulkhead shared by all shards, or null for none
     * @param registry where metrics go
     */
    public ShardGuard(
            Shard shard,
            BreakerConfig breakerConfig,
            int maxConcurrent,
            Duration maxWait,
            @Nullable Bulkhead overall,
            MeterRegistry registry) {
        this.shard = shard;
        this.overall = overall;
        this.registry = registry;
        this.openFor = breakerConfig.openDuration().toMillis() + " ms";
        this.breaker = CircuitBreaker.of(
                "shardkit-" + shard.name(),
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
                "shardkit-" + shard.name(),
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent)
                        .maxWaitDuration(maxWait)
                        .build());
        String id = String.valueOf(shard.id().value());
        Gauge.builder("shardkit.breaker.state", breaker, b -> stateCode(b.getState()))
                .description("circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other")
                .tag("shard", id)
                .register(registry);
    }

    private static int stateCode(CircuitBreaker.State state) {
        switch (state) {
            case CLOSED:
                return 0;
            case OPEN:
            case FORCED_OPEN:
                return 1;
            case HALF_OPEN:
                return 2;
            default:
                return 3;
        }
    }

    /** Returns the breaker (for state queries and tests). */
    public CircuitBreaker breaker() {
        return breaker;
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
    public <R, X extends Exception> R call(String operation, Work<R, X> work) throws X {
        Bulkhead all = overall;
        if (all != null && !all.tryAcquirePermission()) {
            timer(operation, "rejected").record(0, TimeUnit.NANOSECONDS);
            throw new LimitExceededException(
                    "overall concurrency",
                    all.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls",
                    "no place within "
                            + all.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms");
        }
        try {
            if (!breaker.tryAcquirePermission()) {
                timer(operation, "rejected").record(0, TimeUnit.NANOSECONDS);
                throw new ShardCircuitOpenException(
                        shard.id(), shard.name(), openFor, shard.primary().state(), null);
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                timer(operation, "rejected").record(0, TimeUnit.NANOSECONDS);
                throw new LimitExceededException(
                        shard.id() + " (" + shard.name() + ") concurrency",
                        bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls",
                        "no place within "
                                + bulkhead.getBulkheadConfig()
                                        .getMaxWaitDuration()
                                        .toMillis() + " ms");
            }
            long start = System.nanoTime();
            try {
                R result = work.run();
                long took = System.nanoTime() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                timer(operation, "success").record(took, TimeUnit.NANOSECONDS);
                return result;
            } catch (ShardUnavailableException e) {
                long took = System.nanoTime() - start;
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
                timer(operation, "unavailable").record(took, TimeUnit.NANOSECONDS);
                throw e;
            } catch (Throwable e) {
                // The shard answered; the failure is the statement's or the caller's, not the shard's health.
                long took = System.nanoTime() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                timer(operation, "error").record(took, TimeUnit.NANOSECONDS);
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

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(
                operation + '\0' + outcome,
                k -> Timer.builder("shardkit.query")
                        .description("time of operations on a shard")
                        .tag("shard", String.valueOf(shard.id().value()))
                        .tag("operation", operation)
                        .tag("outcome", outcome)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .publishPercentileHistogram()
                        .register(registry));
    }
}
