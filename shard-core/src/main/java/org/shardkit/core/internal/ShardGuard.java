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
    /** Per operation name, one timer per outcome (index of {@link #OUTCOMES}), built on first use. */
    private final ConcurrentMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    private static final String[] OUTCOMES = {"success", "error", "unavailable", "rejected"};
    private static final int SUCCESS = 0;
    private static final int ERROR = 1;
    private static final int UNAVAILABLE = 2;
    private static final int REJECTED = 3;

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
            timer(operation, REJECTED).record(0, TimeUnit.NANOSECONDS);
            throw new LimitExceededException(
                    "overall concurrency",
                    all.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls",
                    "no place within "
                            + all.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms");
        }
        try {
            if (!breaker.tryAcquirePermission()) {
                timer(operation, REJECTED).record(0, TimeUnit.NANOSECONDS);
                throw new ShardCircuitOpenException(
                        shard.id(), shard.name(), openFor, shard.primary().state(), null);
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                timer(operation, REJECTED).record(0, TimeUnit.NANOSECONDS);
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
                timer(operation, SUCCESS).record(took, TimeUnit.NANOSECONDS);
                return result;
            } catch (ShardUnavailableException e) {
                long took = System.nanoTime() - start;
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
                timer(operation, UNAVAILABLE).record(took, TimeUnit.NANOSECONDS);
                throw e;
            } catch (Throwable e) {
                // The shard answered; the failure is the statement's or the caller's, not the shard's health.
                long took = System.nanoTime() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                timer(operation, ERROR).record(took, TimeUnit.NANOSECONDS);
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

    private Timer timer(String operation, int outcome) {
        Timer[] byOutcome = timers.get(operation);
        if (byOutcome == null) {
            byOutcome = timers.computeIfAbsent(operation, this::register);
        }
        return byOutcome[outcome];
    }

    private Timer[] register(String operation) {
        Timer[] byOutcome = new Timer[OUTCOMES.length];
        for (int i = 0; i < OUTCOMES.length; i++) {
            byOutcome[i] = Timer.builder("shardkit.query")
                    .description("time of operations on a shard")
                    .tag("shard", String.valueOf(shard.id().value()))
                    .tag("operation", operation)
                    .tag("outcome", OUTCOMES[i])
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram()
                    .register(registry);
        }
        return byOutcome;
    }
}
