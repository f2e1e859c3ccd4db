package org.shardkit.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.shardkit.core.journal.Journal;
import org.shardkit.core.journal.JournalRecord;

/**
 * What {@link JournalBenchmark} measures, on each implementation: append a record and learn when it
 * is forced to disk, then mark it done so that the store may drop it.
 *
 * @param <H> the handle of an appended record
 */
interface DurableLog<H> extends AutoCloseable {
    /** Appends; the future completes once the record is durable. */
    CompletableFuture<H> append(byte[] payload);

    /** Marks a record applied: the store may drop it. */
    void done(H handle);

    @Override
    void close() throws Exception;

    /** shardkit's {@link Journal}. */
    static DurableLog<JournalRecord> of(Journal journal) {
        return new DurableLog<>() {
            @Override
            public CompletableFuture<JournalRecord> append(byte[] payload) {
                return journal.append(payload, Duration.ofSeconds(30));
            }

            @Override
            public void done(JournalRecord record) {
                journal.done(record);
            }

            @Override
            public void close() {
                journal.close();
            }
        };
    }
}
