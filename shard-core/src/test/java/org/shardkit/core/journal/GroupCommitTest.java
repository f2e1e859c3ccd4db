package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Completes a record's future only if its bytes were forced; collects the ones that were not. */
    private static CompletableFuture<JournalRecord> checked(
            CompletableFuture<JournalRecord> future, InstrumentedChannels channels, Queue<String> unforced) {
        return future.thenApply(r -> {
            if (channels.forcedUpTo(r.segment().file()) < r.endOffset()) {
                unforced.add(r.toString());
            }
            return r;
        });
    }

    @Test
    void append_whileTheWriterForces_queuesEveryRecord_andWritesThemAsOneGroupWithOneForce() throws Exception {
        InstrumentedChannels channels = new InstrumentedChannels();
        Queue<String> unforced = new ConcurrentLinkedQueue<>();
        try (Journal journal = Journal.open(Journals.small(dir), System::nanoTime, channels)) {
            channels.closeGate();
            List<CompletableFuture<JournalRecord>> futures = new ArrayList<>();
            futures.add(checked(journal.append(new byte[] {0}, WAIT), channels, unforced));
            channels.awaitForceHeld(); // the first record's force is under way
            ExecutorService appenders = Executors.newFixedThreadPool(8);
            try {
                List<Future<CompletableFuture<JournalRecord>>> submitted = new ArrayList<>();
                for (int i = 1; i < 500; i++) {
                    byte[] payload = {(byte) i, (byte) (i >> 8)};
                    submitted.add(appenders.submit(() -> checked(journal.append(payload, WAIT), channels, unforced)));
                }
                for (Future<CompletableFuture<JournalRecord>> f : submitted) {
                    futures.add(f.get());
                }
            } finally {
                appenders.shutdown();
            }
            // No record is acknowledged while the force of the first is held.
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            assertThat(journal.forces()).isZero();

            channels.openGate();
            List<JournalRecord> records =
                    futures.stream().map(CompletableFuture::join).toList();

            assertThat(journal.appendedRecords()).isEqualTo(500);
            assertThat(journal.forces()).isEqualTo(2); // the first record's, then one for the 499 queued
            assertThat(unforced).isEmpty();
            assertThat(records)
                    .extracting(JournalRecord::sequence)
                    .doesNotHaveDuplicates()
                    .allMatch(s -> s <= 500);
        }
    }

    @Test
    void append_groupsLargerThanMaxGroupRecords_areSplit() throws Exception {
        InstrumentedChannels channels = new InstrumentedChannels();
        JournalSettings settings = JournalSettings.builder(dir)
                .segmentBytes(1 << 20)
                .maxGroupRecords(100)
                .build();
        try (Journal journal = Journal.open(settings, System::nanoTime, channels)) {
            channels.closeGate();
            CompletableFuture<JournalRecord> first = journal.append(new byte[] {0}, WAIT);
            channels.awaitForceHeld();
            List<CompletableFuture<JournalRecord>> rest = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                rest.add(journal.append(new byte[] {1}, WAIT));
            }
            channels.openGate();
            first.join();
            rest.forEach(CompletableFuture::join);
            assertThat(journal.forces()).isEqualTo(1 + 3); // 250 queued: groups of 100, 100, 50
        }
    }

    @Test
    void append_manyConcurrentAppendersEachWaitingForItsRecord_shareForces() throws Exception {
        InstrumentedChannels channels = new InstrumentedChannels();
        Queue<String> unforced = new ConcurrentLinkedQueue<>();
        int threads = 32;
        int perThread = 50;
        try (Journal journal = Journal.open(Journals.small(dir), System::nanoTime, channels)) {
            ExecutorService appenders = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(appenders.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            JournalRecord r = checked(journal.append(new byte[200], WAIT), channels, unforced)
                                    .join();
                            journal.done(r);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                appenders.shutdown();
            }
            long records = journal.appendedRecords();
            assertThat(records).isEqualTo((long) threads * perThread);
            // Each appender waits for its own record, so a group holds what queued during one force.
            assertThat(journal.forces()).isLessThan(records);
            assertThat(unforced).isEmpty();
        }
    }
}
