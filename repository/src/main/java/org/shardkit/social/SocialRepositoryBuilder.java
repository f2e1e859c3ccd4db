package org.shardkit.social;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;

/**
 * Builds a {@link SocialRepository}: settings, clock, cross-shard mode, relay interval, meters,
 * read cache, and the interaction write queue (batches, capacity, journal, default acknowledgement); from
 * {@link SocialRepository#builder(ShardedDatabase)}. Not thread-safe.
 */
public final class SocialRepositoryBuilder {
    final ShardedDatabase db;
    SocialSettings settings = SocialSettings.defaults();
    Clock clock = Clock.systemUTC();

    @Nullable
    CrossShardMode mode;

    Duration relayInterval = SocialRepository.DEFAULT_RELAY_INTERVAL;

    /** The interaction batches' default: the seed's 500 rows or 2 s. */
    public static final BatchConfig DEFAULT_INTERACTION_BATCHES = BatchConfig.builder()
            .maxBatchSize(500)
            .maxBatchAge(Duration.ofSeconds(2))
            .build();

    @Nullable
    MeterRegistry registry;

    BatchConfig interactionBatches = DEFAULT_INTERACTION_BATCHES;
    WriteQueueConfig writeQueue = WriteQueueConfig.defaults();

    @Nullable
    JournalSettings writeJournal;

    @Nullable
    Ack defaultAck;

    ReadCache cache = ReadCache.NONE;

    SocialRepositoryBuilder(ShardedDatabase db) {
        this.db = db;
    }

    /** Sets the limits. */
    public SocialRepositoryBuilder settings(SocialSettings value) {
        this.settings = Objects.requireNonNull(value, "settings");
        return this;
    }

    /** Sets the clock that stamps rows (tests give a fake one). */
    public SocialRepositoryBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** Sets the cross-shard mode; by default two-phase commit when the database has it enabled, else the outbox. */
    public SocialRepositoryBuilder crossShardMode(CrossShardMode value) {
        this.mode = Objects.requireNonNull(value, "crossShardMode");
        return this;
    }

    /** Sets the time between relay passes in outbox mode, 1 ms to 1 minute. */
    public SocialRepositoryBuilder relayInterval(Duration value) {
        Objects.requireNonNull(value, "relayInterval");
        if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("relayInterval must be between 1ms and 1m, but was " + value);
        }
        this.relayInterval = value;
        return this;
    }

    /**
     * Reads agent profiles, and friend counts and feeds' first pages when their namespaces are
     * configured, through a two-level cache ({@link SocialCaching} names the namespaces and their
     * settings); by default there is none and every read goes to PostgreSQL. The repository does not
     * close the cache.
     *
     * @throws IllegalArgumentException if the cache has no {@value SocialCaching#AGENTS} namespace
     */
    public SocialRepositoryBuilder cache(TwoLevelCache value) {
        this.cache = new TwoLevelReadCache(Objects.requireNonNull(value, "cache"));
        return this;
    }

    /**
     * Sets the registry of the repository's meters: the outbox's ({@code shardkit.outbox.*}) and the
     * read paths' timers ({@code shardkit.social.read}); none by default.
     */
    public SocialRepositoryBuilder meterRegistry(MeterRegistry value) {
        this.registry = Objects.requireNonNull(value, "meterRegistry");
        return this;
    }

    /** Sets when queued interactions are written per shard; {@link #DEFAULT_INTERACTION_BATCHES} by default. */
    public SocialRepositoryBuilder interactionBatches(BatchConfig value) {
        this.interactionBatches = Objects.requireNonNull(value, "interactionBatches");
        return this;
    }

    /** Sets the interaction write queue's capacity, full policy and close timeout; the defaults otherwise. */
    public SocialRepositoryBuilder writeQueue(WriteQueueConfig value) {
        this.writeQueue = Objects.requireNonNull(value, "writeQueue");
        return this;
    }

    /**
     * Gives the write queue a journal in a directory of its own on local disk: queued interactions are
     * then acknowledged once journaled ({@link Ack#JOURNALED}, the default then) and a crash of the
     * process loses none. The repository replays what the journal holds when it is built. None by
     * default: queued interactions are acknowledged once committed, and a crash may leave an
     * unacknowledged one without its inbox copy (docs/writes.md).
     */
    public SocialRepositoryBuilder writeJournal(JournalSettings value) {
        this.writeJournal = Objects.requireNonNull(value, "writeJournal");
        return this;
    }

    /** Sets the acknowledgement of {@code recordInteraction} without one; {@code JOURNALED} needs a journal. */
    public SocialRepositoryBuilder defaultAck(Ack value) {
        this.defaultAck = Objects.requireNonNull(value, "defaultAck");
        return this;
    }

    CrossShardMode mode() {
        if (mode == null) {
            return db.twoPhaseCommitEnabled() ? CrossShardMode.TWO_PHASE_COMMIT : CrossShardMode.OUTBOX;
        }
        if (mode == CrossShardMode.TWO_PHASE_COMMIT && !db.twoPhaseCommitEnabled()) {
            throw new IllegalStateException("crossShardMode TWO_PHASE_COMMIT needs two-phase commit enabled in the"
                    + " database's configuration (twoPhase.enabled: true)");
        }
        return mode;
    }

    /** Returns the repository; in outbox mode its relay is running. */
    public SocialRepository build() {
        if (defaultAck == Ack.JOURNALED && writeJournal == null) {
            throw new IllegalStateException("defaultAck JOURNALED needs a write journal: writeJournal(..)");
        }
        return new SocialRepository(this);
    }
}
