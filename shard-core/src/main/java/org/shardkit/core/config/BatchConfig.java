package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.Backoff;

/**
 * The settings of a {@link org.shardkit.core.batch.BatchWriter}: when a shard's batch is written (a
 * size or an age, whichever comes first), how a failed batch is retried, how many rows may wait per
 * shard, and how long closing may take. The defaults are the seed's batch writer: 1,000 rows or 5 s.
 *
 * <pre>{@code
 * BatchConfig interactions = BatchConfig.builder().maxBatchSize(500).maxBatchAge(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchConfig {
    /** Default rows per batch: {@value}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    /** Largest batch: {@value} rows. */
    public static final int MAX_BATCH_SIZE = 100_000;
    /** Default age of a batch's oldest row at which the batch is written: 5 s. */
    public static final Duration DEFAULT_MAX_BATCH_AGE = Duration.ofSeconds(5);
    /** Default attempts at a batch whose failure may pass (a shard unreachable) before its rows fail: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** Default wait after a batch's first failed attempt, doubling up to {@link #DEFAULT_MAX_BACKOFF}: 100 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Default longest wait between two attempts: 5 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Default rows that may wait per shard before writes to it are refused: {@value}. */
    public static final int DEFAULT_MAX_PENDING_ROWS = 100_000;
    /** Default time {@code close()} waits for pending rows to be written: 30 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final BatchConfig DEFAULTS = builder().build();

    private final int maxBatchSize;
    private final Duration maxBatchAge;
    private final int maxAttempts;
    private final Backoff backoff;
    private final int maxPendingRows;
    private final Duration closeTimeout;

    private BatchConfig(Builder b) {
        this.maxBatchSize = b.maxBatchSize;
        this.maxBatchAge = b.maxBatchAge;
        this.maxAttempts = b.maxAttempts;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.maxPendingRows = b.maxPendingRows;
        this.closeTimeout = b.closeTimeout;
    }

    /** Returns the defaults: 1,000 rows or 5 s, 10 attempts backing off 100 ms to 5 s, 100,000 pending rows. */
    public static BatchConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the rows at which a shard's batch is written, {@code 1..}{@value #MAX_BATCH_SIZE}. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** Returns the age of a batch's oldest row at which the batch is written. */
    public Duration maxBatchAge() {
        return maxBatchAge;
    }

    /** Returns the attempts at a batch whose failure may pass before its rows fail. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Returns the waits between attempts. */
    public Backoff backoff() {
        return backoff;
    }

    /** Returns the rows that may wait per shard (buffered or being written) before writes to it are refused. */
    public int maxPendingRows() {
        return maxPendingRows;
    }

    /** Returns how long {@code close()} waits for pending rows to be written. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BatchConfig c
                && maxBatchSize == c.maxBatchSize
                && maxBatchAge.equals(c.maxBatchAge)
                && maxAttempts == c.maxAttempts
                && backoff.equals(c.backoff)
                && maxPendingRows == c.maxPendingRows
                && closeTimeout.equals(c.closeTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxBatchSize, maxBatchAge, maxAttempts, backoff, maxPendingRows, closeTimeout);
    }

    @Override
    public String toString() {
        return "BatchConfig[maxBatchSize=" + maxBatchSize + ", maxBatchAge=" + Settings.format(maxBatchAge)
                + ", maxAttempts=" + maxAttempts + ", backoff=" + Settings.format(backoff.initial()) + ".."
                + Settings.format(backoff.max()) + ", maxPendingRows=" + maxPendingRows + ", closeTimeout="
                + Settings.format(closeTimeout) + "]";
    }

    /**
     * Builds a {@link BatchConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration maxBatchAge = DEFAULT_MAX_BATCH_AGE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int maxPendingRows = DEFAULT_MAX_PENDING_ROWS;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder(@Nullable BatchConfig base) {
            if (base != null) {
                maxBatchSize = base.maxBatchSize;
                maxBatchAge = base.maxBatchAge;
                maxAttempts = base.maxAttempts;
                initialBackoff = base.backoff.initial();
                maxBackoff = base.backoff.max();
                maxPendingRows = base.maxPendingRows;
                closeTimeout = base.closeTimeout;
            }
        }

        /** Sets the rows at which a shard's batch is written; {@code 1..}{@value #MAX_BATCH_SIZE}. */
        public Builder maxBatchSize(long value) {
            given.once("maxBatchSize", maxBatchSize, value);
            this.maxBatchSize = Settings.intIn("maxBatchSize", value, 1, MAX_BATCH_SIZE);
            return this;
        }

        /** Sets the age of a batch's oldest row at which it is written; 1 ms to 1 hour. */
        public Builder maxBatchAge(Duration value) {
            given.once("maxBatchAge", maxBatchAge, value);
            Settings.atLeast("maxBatchAge", value, Duration.ofMillis(1));
            this.maxBatchAge = Settings.atMost("maxBatchAge", value, Duration.ofHours(1));
            return this;
        }

        /** Sets the attempts at a batch whose failure may pass before its rows fail; {@code 1..1000}. */
        public Builder maxAttempts(long value) {
            given.once("maxAttempts", maxAttempts, value);
            this.maxAttempts = Settings.intIn("maxAttempts", value, 1, 1000);
            return this;
        }

        /** Sets the wait after the first failed attempt (doubling after each further one) and the longest wait. */
        public Builder backoff(Duration initial, Duration max) {
            given.once("backoff", initialBackoff + ".." + maxBackoff, initial + ".." + max);
            Settings.atLeast("backoff initial", initial, Duration.ofMillis(1));
            new Backoff(initial, max); // checks max >= initial and max <= Backoff.LONGEST
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** Sets the rows that may wait per shard before writes to it are refused; at least {@code maxBatchSize}. */
        public Builder maxPendingRows(long value) {
            given.once("maxPendingRows", maxPendingRows, value);
            this.maxPendingRows = Settings.intIn("maxPendingRows", value, 1, 100_000_000);
            return this;
        }

        /** Sets how long {@code close()} waits for pending rows; 0 (fail what is pending) to 1 hour. */
        public Builder closeTimeout(Duration value) {
            given.once("closeTimeout", closeTimeout, value);
            Settings.atLeast("closeTimeout", value, Duration.ZERO);
            this.closeTimeout = Settings.atMost("closeTimeout", value, Duration.ofHours(1));
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalArgumentException if {@code maxPendingRows < maxBatchSize}
         */
        public BatchConfig build() {
            if (maxPendingRows < maxBatchSize) {
                throw new InvalidSettingException(
                        "maxPendingRows", "must be >= maxBatchSize (" + maxBatchSize + ")", maxPendingRows);
            }
            return new BatchConfig(this);
        }
    }
}
