package org.shardkit.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.WriteQueueConfig.WhenFull;
import org.shardkit.core.writequeue.Ack;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The keys under {@code shardkit.social} of the auto-configured {@code SocialRepository}: its schema
 * migrations and its interaction write queue (docs/writes.md). A key left out keeps the repository
 * builder's default; a value is checked by the builder of its setting when the repository is built,
 * and a bad one fails the startup naming the key ({@link SocialWriteSettings}).
 *
 * <p>Not thread-safe: Spring binds it once at startup.
 */
@ConfigurationProperties(prefix = SocialProperties.PREFIX)
public class SocialProperties {
    /** The prefix of the repository's keys: {@value}. */
    public static final String PREFIX = ShardkitProperties.PREFIX + ".social";

    /**
     * Whether to apply the social schema's migrations (SocialRepository.migrate, with its own history
     * table) to every shard before the repository is built, and so before its write journal is
     * replayed.
     */
    private boolean migrate;

    /**
     * When recordInteraction without an acknowledgement level completes: journaled (needs
     * shardkit.social.write-journal.directory) or committed. Default: journaled with a journal,
     * committed without.
     */
    private @Nullable Ack defaultAck;

    /** The write queue's local journal. */
    private final WriteJournal writeJournal = new WriteJournal();

    /** The interaction write queue. */
    private final WriteQueue writeQueue = new WriteQueue();

    /** When queued interactions are written, per shard. */
    private final InteractionBatches interactionBatches = new InteractionBatches();

    /** Creates the properties, every key unset. */
    public SocialProperties() {}

    /** Returns whether the social schema is migrated at startup; default {@code false}. */
    public boolean isMigrate() {
        return migrate;
    }

    /** Sets whether the social schema is migrated at startup. */
    public void setMigrate(boolean migrate) {
        this.migrate = migrate;
    }

    /** Returns the default acknowledgement level, or null for the repository's default. */
    public @Nullable Ack getDefaultAck() {
        return defaultAck;
    }

    /** Sets the default acknowledgement level. */
    public void setDefaultAck(@Nullable Ack defaultAck) {
        this.defaultAck = defaultAck;
    }

    /** Returns the journal's keys. */
    public WriteJournal getWriteJournal() {
        return writeJournal;
    }

    /** Returns the queue's keys. */
    public WriteQueue getWriteQueue() {
        return writeQueue;
    }

    /** Returns the batches' keys. */
    public InteractionBatches getInteractionBatches() {
        return interactionBatches;
    }

    /**
     * {@code shardkit.social.write-journal.*}: JournalSettings.
     *
     * <p>Not thread-safe.
     */
    public static class WriteJournal {
        /**
         * A directory on local disk of the journal's own; with it, queued interactions are journaled
         * (a crash of the process loses none) and replayed when the repository is built. None by
         * default.
         */
        private @Nullable Path directory;

        /** The size at which a journal segment file rolls over, 64KB to 1GB. Default 8MB. */
        private @Nullable DataSize segmentBytes;

        /** The bound on the journal's live bytes, at least two segments. Default 128MB. */
        private @Nullable DataSize maxBytes;

        /** Creates the keys, unset. */
        public WriteJournal() {}

        /** Returns the journal's directory, or null for none. */
        public @Nullable Path getDirectory() {
            return directory;
        }

        /** Sets the journal's directory. */
        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }

        /** Returns the segment size, or null for the default. */
        public @Nullable DataSize getSegmentBytes() {
            return segmentBytes;
        }

        /** Sets the segment size. */
        public void setSegmentBytes(@Nullable DataSize segmentBytes) {
            this.segmentBytes = segmentBytes;
        }

        /** Returns the bound on live bytes, or null for the default. */
        public @Nullable DataSize getMaxBytes() {
            return maxBytes;
        }

        /** Sets the bound on live bytes. */
        public void setMaxBytes(@Nullable DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }
    }

    /**
     * {@code shardkit.social.write-queue.*}: WriteQueueConfig.
     *
     * <p>Not thread-safe.
     */
    public static class WriteQueue {
        /** Interactions held from acceptance until committed, 1 to 10000000. Default 10000. */
        private @Nullable Long capacity;

        /** What recordInteraction meets when the queue is full: block (up to block-timeout) or reject. Default block. */
        private @Nullable WhenFull whenFull;

        /** How long a writer waits for room when when-full is block, 1ms to 1h. Default 5s. */
        private @Nullable Duration blockTimeout;

        /**
         * How long closing the repository (when the application context closes) waits for accepted
         * interactions to commit, 0 to 1h; journaled ones left then are replayed at the next start.
         * Default 30s.
         */
        private @Nullable Duration closeTimeout;

        /** The wait before a journaled write whose batch failed for a reason that may pass is tried again, 1ms to 1h. Default 5s. */
        private @Nullable Duration retryInterval;

        /** Creates the keys, unset. */
        public WriteQueue() {}

        /** Returns the capacity, or null for the default. */
        public @Nullable Long getCapacity() {
            return capacity;
        }

        /** Sets the capacity. */
        public void setCapacity(@Nullable Long capacity) {
            this.capacity = capacity;
        }

        /** Returns the full policy, or null for the default. */
        public @Nullable WhenFull getWhenFull() {
            return whenFull;
        }

        /** Sets the full policy. */
        public void setWhenFull(@Nullable WhenFull whenFull) {
            this.whenFull = whenFull;
        }

        /** Returns the block timeout, or null for the default. */
        public @Nullable Duration getBlockTimeout() {
            return blockTimeout;
        }

        /** Sets the block timeout. */
        public void setBlockTimeout(@Nullable Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        /** Returns the close timeout, or null for the default. */
        public @Nullable Duration getCloseTimeout() {
            return closeTimeout;
        }

        /** Sets the close timeout. */
        public void setCloseTimeout(@Nullable Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        /** Returns the retry interval, or null for the default. */
        public @Nullable Duration getRetryInterval() {
            return retryInterval;
        }

        /** Sets the retry interval. */
        public void setRetryInterval(@Nullable Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }

    /**
     * {@code shardkit.social.interaction-batches.*}: the BatchConfig of queued interactions.
     *
     * <p>Not thread-safe.
     */
    public static class InteractionBatches {
        /** The rows at which a shard's batch is written, 1 to 100000. Default 500. */
        private @Nullable Long maxSize;

        /** The age of a batch's oldest row at which the batch is written, 1ms to 1h. Default 2s. */
        private @Nullable Duration maxAge;

        /** Creates the keys, unset. */
        public InteractionBatches() {}

        /** Returns the batch size, or null for the default. */
        public @Nullable Long getMaxSize() {
            return maxSize;
        }

        /** Sets the batch size. */
        public void setMaxSize(@Nullable Long maxSize) {
            this.maxSize = maxSize;
        }

        /** Returns the batch age, or null for the default. */
        public @Nullable Duration getMaxAge() {
            return maxAge;
        }

        /** Sets the batch age. */
        public void setMaxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
