package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpressureTest {
    private static final int PAYLOAD = 1000; // a 1,020-byte frame: 64 per 64 KiB segment
    private static final long MAX_BYTES = 2L * Journals.SEGMENT_BYTES;

    @TempDir
    Path dir;

    private JournalSettings settings() {
        return JournalSettings.builder(dir)
                .segmentBytes(Journals.SEGMENT_BYTES)
                .maxBytes(MAX_BYTES)
                .build();
    }

    /** A ticker that moves 50 ms each time it is read, and counts the reads. */
    private static final class SteppingTicker implements LongSupplier {
        final AtomicLong reads = new AtomicLong();
        final CountDownLatch firstRead = new CountDownLatch(1);

        @Override
        public long getAsLong() {
            firstRead.countDown();
            return reads.getAndIncrement() * TimeUnit.MILLISECONDS.toNanos(50);
        }
    }

    /** Fills the journal to the last whole record under the bound: two segments of 64 records. */
    private static List<JournalRecord> fill(Journal journal) {
        List<JournalRecord> records = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            records.add(journal.append(new byte[PAYLOAD], Duration.ZERO).join());
        }
        assertThat(journal.liveBytes()).isEqualTo(128 * 1020L).isLessThanOrEqualTo(MAX_BYTES);
        return records;
    }

    @Test
    void append_full_withZeroWait_failsAtOnceWithTheNumbers() {
        SteppingTicker ticker = new SteppingTicker();
        try (Journal journal = Journal.open(settings(), ticker)) {
            fill(journal);
            assertThatThrownBy(() -> journal.append(new byte[PAYLOAD], Duration.ZERO))
                    .isInstanceOf(JournalFullException.class)
                    .hasMessage("journal " + dir.toAbsolutePath()
                            + " full: no room for 1020 bytes after 0 ms (liveBytes=130560, maxBytes=131072)")
                    .satisfies(e -> {
                        JournalFullException full = (JournalFullException) e;
                        assertThat(full.liveBytes()).isEqualTo(130560);
                        assertThat(full.maxBytes()).isEqualTo(MAX_BYTES);
                        assertThat(full.waited()).isEqualTo(Duration.ZERO);
                    });
            assertThat(ticker.reads).hasValue(0); // no wait, no clock
            assertThat(journal.liveBytes()).isEqualTo(130560); // nothing was reserved
        }
    }

    @Test
    void append_full_waitsUpToMaxWait_thenFails() {
        SteppingTicker ticker = new SteppingTicker();
        try (Journal journal = Journal.open(settings(), ticker)) {
            fill(journal);
            // A short real wait (the ticker moves 50 ms between the two reads around it).
            assertThatThrownBy(() -> journal.append(new byte[PAYLOAD], Duration.ofMillis(50)))
                    .isInstanceOf(JournalFullException.class)
                    .hasMessageContaining("after 50 ms (liveBytes=130560, maxBytes=131072)");
            assertThat(ticker.reads).hasValue(2);
            // A smaller record still fits.
            assertThat(journal.append(new byte[100], Duration.ZERO).join().sequence())
                    .isEqualTo(129);
        }
    }

    @Test
    void append_full_proceedsOnceDoneRecordsFreeASegment() throws Exception {
        SteppingTicker ticker = new SteppingTicker();
        try (Journal journal = Journal.open(settings(), ticker)) {
            List<JournalRecord> records = fill(journal);
            CompletableFuture<CompletableFuture<JournalRecord>> waiting =
                    CompletableFuture.supplyAsync(() -> journal.append(new byte[PAYLOAD], Duration.ofSeconds(30)));
            // The append read the clock, which it does only when there is no room, with the lock held
            // until it waits: the signal below cannot come before its wait.
            assertThat(ticker.firstRead.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting).isNotDone();

            records.subList(0, 63).forEach(journal::done);
            assertThat(waiting).isNotDone(); // one record of the first segment is not done yet
            assertThat(journal.liveBytes()).isEqualTo(130560);

            journal.done(records.get(63)); // the first segment goes
            JournalRecord appended = waiting.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            assertThat(appended.sequence()).isEqualTo(129);
            assertThat(journal.liveBytes()).isEqualTo(65 * 1020L);
        }
    }

    @Test
    void close_wakesAnAppendWaitingForRoom() throws Exception {
        SteppingTicker ticker = new SteppingTicker();
        Journal journal = Journal.open(settings(), ticker);
        fill(journal);
        CompletableFuture<CompletableFuture<JournalRecord>> waiting =
                CompletableFuture.supplyAsync(() -> journal.append(new byte[PAYLOAD], Duration.ofSeconds(30)));
        assertThat(ticker.firstRead.await(10, TimeUnit.SECONDS)).isTrue();
        journal.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
