package org.shardkit.examples.demo;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.social.SocialRepository;

/**
 * The repository the workload calls, as a service would build it: the two-level cache on Redis
 * (when there is one), a write journal in a temporary directory so that interactions are
 * acknowledged once journaled ({@link Ack#JOURNALED}), and every meter in the demo's registry.
 *
 * <p>Thread-safe. {@link #close()} drains the write queue, waits for the outbox, closes the cache and
 * deletes the journal.
 */
final class DemoStack implements AutoCloseable {
    /** How long closing waits for the outbox relay to apply what the run left: 60 s. */
    static final Duration CONVERGE = Duration.ofSeconds(60);

    private final @Nullable TwoLevelCache cache;
    private final SocialRepository social;
    private final Path journal;

    private DemoStack(@Nullable TwoLevelCache cache, SocialRepository social, Path journal) {
        this.cache = cache;
        this.social = social;
        this.journal = journal;
    }

    /**
     * Builds the repository over a database.
     *
     * @param db the database
     * @param cacheSettings the cache's settings, or null for none
     * @param registry where the cache's and the repository's meters go
     * @return the stack
     * @throws UncheckedIOException if the journal's directory cannot be created
     */
    static DemoStack open(ShardedDatabase db, @Nullable CacheSettings cacheSettings, MeterRegistry registry) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(registry, "registry");
        Path journal;
        try {
            journal = Files.createTempDirectory("shardkit-demo-journal-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the write journal's directory: " + e.getMessage(), e);
        }
        TwoLevelCache cache = null;
        try {
            if (cacheSettings != null) {
                cache = TwoLevelCache.builder()
                        .settings(cacheSettings)
                        .meterRegistry(registry)
                        .name("demo")
                        .build();
            }
            var builder = SocialRepository.builder(db)
                    .meterRegistry(registry)
                    .writeJournal(JournalSettings.builder(journal).build())
                    .defaultAck(Ack.JOURNALED);
            if (cache != null) {
                builder.cache(cache);
            }
            return new DemoStack(cache, builder.build(), journal);
        } catch (RuntimeException e) {
            if (cache != null) {
                cache.close();
            }
            delete(journal);
            throw e;
        }
    }

    /** Returns the repository. */
    SocialRepository social() {
        return social;
    }

    /** Tells whether reads go through the two-level cache. */
    boolean cached() {
        return cache != null;
    }

    /**
     * Waits up to {@link #CONVERGE} for the outbox to apply both sides of every change, drains the
     * write queue, closes the repository and the cache, and deletes the journal.
     *
     * @throws IllegalStateException if the outbox did not converge or the queue did not drain (after
     *     closing everything)
     */
    @Override
    public void close() {
        try {
            social.flushWrites();
            boolean converged = social.awaitConverged(CONVERGE);
            QueueDrain drain = social.close(null); // the queue's own closeTimeout
            if (!converged) {
                throw new IllegalStateException("the outbox did not apply every cross-shard change within " + CONVERGE);
            }
            if (!drain.complete()) {
                throw new IllegalStateException("the write queue did not drain: " + drain);
            }
        } finally {
            social.close(); // idempotent: a no-op after the close above, a close if it was not reached
            try {
                if (cache != null) {
                    cache.close();
                }
            } finally {
                delete(journal);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
