package org.shardkit.core.batch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.BatchConfig;

/**
 * Collects rows, groups them by the shard their key routes to, and writes each shard's group in one
 * transaction through a {@link BatchSink} when it holds {@code maxBatchSize} rows or its oldest row is
 * {@code maxBatchAge} old ({@link BatchConfig}). Each row's future completes when its batch committed.
 *
 * <pre>{@code
 * BatchTable<Event> table = BatchTable.<Event>builder("event").bigint("id", Event::id)...key("id").build();
 * try (BatchWriter<Event> events = BatchWriter.builder(db, table).name("events").build()) {
 *     CompletableFuture<Void> written = events.write(ShardKey.of(e.agentId()), e);
 *     ...
 * }   // close() writes what waits, for up to closeTimeout
 * }</pre>
 *
 * <p>Failures: a batch whose failure may pass (the shard unreachable, its breaker open, a deadlock)
 * is tried again after a doubling backoff, up to {@code maxAttempts}; then its rows' futures fail
 * with {@link BatchWriteException} ({@code RETRIES_EXHAUSTED}) naming the shard and the count. Any
 * other failure means a row is bad: the batch is split in halves, written apart, until the refused
 * rows fail alone ({@code ROW_REJECTED}) and the rest commit. Shards are written independently: a
 * failing shard holds back only its own rows. No row is dropped without its future saying so.
 *
 * <p>Futures complete on the shard's writer thread: a dependent stage that blocks holds up that
 * shard's batches; use the {@code ...Async} stages for slow work.
 *
 * <p>Thread-safe. Each shard has a daemon thread, {@code shardkit-batch-<name>-<shard>}.
 *
 * @param <R> the row type
 */
public final class BatchWriter<R> implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String name;
    private final ShardedDatabase db;
    private final BatchConfig config;
    private final LongSupplier ticker;
    private final Map<ShardId, ShardLane<R>> lanes = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchWriter(Builder<R> b) {
        this.name = b.name;
        this.db = b.db;
        this.config = b.config;
        this.ticker = b.ticker;
        MeterRegistry registry = b.registry != null ? b.registry : new CompositeMeterRegistry();
        for (ShardId shard : db.shardIds()) {
            BatchMeters.OfShard meters = new BatchMeters.OfShard(registry, name, shard);
            ShardLane<R> lane = new ShardLane<>(
                    name,
                    shard,
                    db.shardName(shard),
                    config,
                    ticker,
                    new BatchAttempts<>(name, db, shard, b.sink, config, ticker, meters));
            meters.pendingGauge(registry, lane, ShardLane::pending);
            lanes.put(shard, lane);
        }
        lanes.values().forEach(ShardLane::start);
    }

    /**
     * Returns a builder.
     *
     * @param db the database whose shards the rows go to; the writer does not close it
     * @param sink what writes a shard's batch, e.g. a {@link BatchTable}
     */
    public static <R> Builder<R> builder(ShardedDatabase db, BatchSink<R> sink) {
        return new Builder<>(Objects.requireNonNull(db, "db"), Objects.requireNonNull(sink, "sink"));
    }

    /** Returns the writer's name (its meters' {@code writer} tag and its threads' names). */
    public String name() {
        return name;
    }

    /** Returns the settings. */
    public BatchConfig config() {
        return config;
    }

    /**
     * Queues a row for the shard its key routes to.
     *
     * @param key the row's shard key
     * @param row the row
     * @return completes when the row's batch committed; fails with {@link BatchWriteException} or with
     *     the reason the sink refused the row
     * @throws org.shardkit.core.LimitExceededException if {@code maxPendingRows} rows already wait on
     *     that shard (it is slow or failing)
     * @throws IllegalStateException after {@link #close()}
     */
    public CompletableFuture<Void> write(ShardKey key, R row) {
        Objects.requireNonNull(row, "row");
        ShardId shard = db.shardOf(key);
        CompletableFuture<Void> future = new CompletableFuture<>();
        lane(shard).add(new Pending<>(key, row, future, ticker.getAsLong()));
        return future;
    }

    /**
     * Asks every shard to write the rows waiting now without waiting for their age.
     *
     * @return completes when each of those rows has committed or failed (it never fails itself)
     */
    public CompletableFuture<Void> flush() {
        checkOpen();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        lanes.values().forEach(l -> all.addAll(l.flush()));
        return CompletableFuture.allOf(all.stream()
                        .map(f -> f.handle((ok, failed) -> Boolean.TRUE))
                        .toArray(CompletableFuture[]::new))
                .thenApply(ignored -> null);
    }

    /** Returns the rows waiting or being written, over every shard. */
    public int pending() {
        return lanes.values().stream().mapToInt(ShardLane::pending).sum();
    }

    /** Returns the rows waiting or being written for one shard. */
    public int pending(ShardId shard) {
        return lane(shard).pending();
    }

    /**
     * Stops taking rows and writes what waits, for up to {@code timeout}; rows still waiting then fail
     * with {@link BatchWriteException} ({@code CLOSED}). Idempotent: a second call returns at once.
     *
     * @param timeout how long to wait; zero fails what waits at once
     * @return the rows not written: failed, or still in a batch being written when the time was up
     */
    public DrainResult close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("timeout must be between 0 and 1 hour, but was " + timeout);
        }
        long start = ticker.getAsLong();
        if (!closed.compareAndSet(false, true)) {
            return new DrainResult(0, Duration.ZERO);
        }
        long deadline = start + timeout.toNanos();
        lanes.values().forEach(l -> l.close(deadline));
        int undrained = 0;
        boolean interrupted = false;
        for (ShardLane<R> lane : lanes.values()) {
            try {
                undrained += lane.awaitClosed(interrupted ? ticker.getAsLong() : deadline);
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
            }
        }
        return new DrainResult(undrained, Duration.ofNanos(ticker.getAsLong() - start));
    }

    /** Closes with the configured {@code closeTimeout}, like {@link #close(Duration)}. */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public String toString() {
        return "BatchWriter{" + name + ", shards=" + lanes.size() + ", pending=" + pending() + ", closed="
                + closed.get() + "}";
    }

    private ShardLane<R> lane(ShardId shard) {
        checkOpen();
        ShardLane<R> lane = lanes.get(Objects.requireNonNull(shard, "shard"));
        if (lane == null) {
            throw new IllegalArgumentException(shard + " is not a shard of the database " + db.shardIds());
        }
        return lane;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("batch writer '" + name + "' is closed");
        }
    }

    /**
     * Builds a {@link BatchWriter}: its name, settings, meters and ticker. Not thread-safe.
     *
     * @param <R> the row type
     */
    public static final class Builder<R> {
        private final ShardedDatabase db;
        private final BatchSink<R> sink;
        private String name = "batch";
        private BatchConfig config = BatchConfig.defaults();
        private LongSupplier ticker = System::nanoTime;
        private @Nullable MeterRegistry registry;

        private Builder(ShardedDatabase db, BatchSink<R> sink) {
            this.db = db;
            this.sink = sink;
        }

        /** Sets the name, {@code [A-Za-z0-9_.-]{1,64}}; {@code batch} by default. */
        public Builder<R> name(String value) {
            if (value == null || !NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("name must match " + NAME.pattern() + ", but was "
                        + (value == null ? "null" : "'" + value + "'"));
            }
            this.name = value;
            return this;
        }

        /** Sets the settings; {@link BatchConfig#defaults()} by default. */
        public Builder<R> config(BatchConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Sets where the meters go ({@code shardkit.batch.*}); none by default. */
        public Builder<R> meterRegistry(MeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /** Sets the nanosecond ticker batch ages, backoffs and the close deadline are read from; {@code System::nanoTime} by default. */
        public Builder<R> ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** Returns the writer, its shard threads started. */
        public BatchWriter<R> build() {
            return new BatchWriter<>(this);
        }
    }
}
