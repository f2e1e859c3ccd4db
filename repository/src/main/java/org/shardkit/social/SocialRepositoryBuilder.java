package org.shardkit.social;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;

/**
 * Builds a {@link SocialRepository}: settings, clock, cross-shard mode, relay interval, meters, cache; from
 * {@link SocialRepository#builder(ShardedDatabase)}. Not thread-safe.
 */
public final class SocialRepositoryBuilder {
    final ShardedDatabase db;
    SocialSettings settings = SocialSettings.defaults();
    Clock clock = Clock.systemUTC();

    @Nullable
    CrossShardMode mode;

    Duration relayInterval = SocialRepository.DEFAULT_RELAY_INTERVAL;

    @Nullable
    MeterRegistry registry;

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
        return new SocialRepository(this);
    }
}
