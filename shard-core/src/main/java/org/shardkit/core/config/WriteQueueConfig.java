package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link org.shardkit.core.writequeue.WriteQueue}: how many writes it holds, what a
 * writer meets when it is full, how long closing may take, and how often a journaled write whose
 * shard keeps failing is tried again. The capacity's default is the seed's queue of 10,000; where the
 * seed dropped a write when full, the queue blocks or refuses, never drops.
 *
 * <pre>{@code
 * WriteQueueConfig queue = WriteQueueConfig.builder().capacity(50_000).whenFull(WhenFull.REJECT).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WriteQueueConfig {
    /** What {@code submit} does when the queue (or its journal) is full. */
    public enum WhenFull {
        /** Waits up to {@link #blockTimeout()} for room, then throws the queue-full exception. The default. */
        BLOCK,
        /** Throws the queue-full exception at once. */
        REJECT
    }

    /** Default writes held (accepted, not yet committed): {@value}. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Largest capacity: {@value}. */
    public static final int MAX_CAPACITY = 10_000_000;
    /** Default wait for room under {@link WhenFull#BLOCK}: 5 s. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(5);
    /** Default time {@code close()} waits for accepted writes to commit: 30 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default wait before a journaled write whose batch failed for a reason that may pass is tried again: 5 s. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

    private static final WriteQueueConfig DEFAULTS = builder().build();

    private final int capacity;
    private final WhenFull whenFull;
    private final Duration blockTimeout;
    private final Duration closeTimeout;
    private final Duration retryInterval;

    private WriteQueueConfig(Builder b) {
        this.capacity = b.capacity;
        this.whenFull = b.whenFull;
        this.blockTimeout = b.blockTimeout;
        this.closeTimeout = b.closeTimeout;
        this.retryInterval = b.retryInterval;
    }

    /** Returns the defaults: 10,000 writes, block for up to 5 s, close within 30 s, retry after 5 s. */
    public static WriteQueueConfig defaults() {
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

    /** Returns the writes the queue holds, from acceptance until their sink committed (or failed) them. */
    public int capacity() {
        return capacity;
    }

    /** Returns what a writer meets when the queue is full. */
    public WhenFull whenFull() {
        return whenFull;
    }

    /** Returns how long a writer waits for room under {@link WhenFull#BLOCK}. */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /** Returns how long {@code close()} waits for accepted writes to commit. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Returns the wait before a journaled write whose batch failed for a reason that may pass goes to its sink again. */
    public Duration retryInterval() {
        return retryInterval;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WriteQueueConfig c
                && capacity == c.capacity
                && whenFull == c.whenFull
                && blockTimeout.equals(c.blockTimeout)
                && closeTimeout.equals(c.closeTimeout)
                && retryInterval.equals(c.retryInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, whenFull, blockTimeout, closeTimeout, retryInterval);
    }

    @Override
    public String toString() {
        return "WriteQueueConfig[capacity=" + capacity + ", whenFull=" + whenFull + ", blockTimeout="
                + Settings.format(blockTimeout) + ", closeTimeout=" + Settings.format(closeTimeout)
                + ", retryInterval=" + Settings.format(retryInterval) + "]";
    }

    /**
     * Builds a {@link WriteQueueConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private int capacity = DEFAULT_CAPACITY;
        private WhenFull whenFull = WhenFull.BLOCK;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;

        private Builder(@Nullable WriteQueueConfig base) {
            if (base != null) {
                capacity = base.capacity;
                whenFull = base.whenFull;
                blockTimeout = base.blockTimeout;
                closeTimeout = base.closeTimeout;
                retryInterval = base.retryInterval;
            }
        }

        /** Sets the writes the queue holds; {@code 1..}{@value #MAX_CAPACITY}. */
        public Builder capacity(long value) {
            given.once("capacity", capacity, value);
            this.capacity = Settings.intIn("capacity", value, 1, MAX_CAPACITY);
            return this;
        }

        /** Sets what a writer meets when the queue is full; {@link WhenFull#BLOCK} by default. */
        public Builder whenFull(WhenFull value) {
            given.once("whenFull", whenFull, value);
            this.whenFull = Objects.requireNonNull(value, "whenFull");
            return this;
        }

        /** Sets how long a writer waits for room under {@link WhenFull#BLOCK}; 1 ms to 1 hour. */
        public Builder blockTimeout(Duration value) {
            given.once("blockTimeout", blockTimeout, value);
            Settings.atLeast("blockTimeout", value, Duration.ofMillis(1));
            this.blockTimeout = Settings.atMost("blockTimeout", value, Duration.ofHours(1));
            return this;
        }

        /** Sets how long {@code close()} waits for accepted writes to commit; 0 to 1 hour. */
        public Builder closeTimeout(Duration value) {
            given.once("closeTimeout", closeTimeout, value);
            Settings.atLeast("closeTimeout", value, Duration.ZERO);
            this.closeTimeout = Settings.atMost("closeTimeout", value, Duration.ofHours(1));
            return this;
        }

        /** Sets the wait before a journaled write whose batch failed for a reason that may pass is tried again; 1 ms to 1 hour. */
        public Builder retryInterval(Duration value) {
            given.once("retryInterval", retryInterval, value);
            Settings.atLeast("retryInterval", value, Duration.ofMillis(1));
            this.retryInterval = Settings.atMost("retryInterval", value, Duration.ofHours(1));
            return this;
        }

        /** Builds the settings. */
        public WriteQueueConfig build() {
            return new WriteQueueConfig(this);
        }
    }
}
