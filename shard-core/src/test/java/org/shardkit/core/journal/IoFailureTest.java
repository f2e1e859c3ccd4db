package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write or force that throws a real IOException (injected at the channel) fails the journal closed. */
class IoFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private String firstSegment() {
        return dir.toAbsolutePath() + ": %s " + SegmentFiles.name(1) + " failed";
    }

    @Test
    void append_forceFails_failsTheGroup_andEveryLaterAppendAtOnce_withTheOriginalCause() {
        InstrumentedChannels channels = new InstrumentedChannels();
        IOException eio = new IOException("Input/output error");
        try (Journal journal = Journal.open(Journals.small(dir), System::nanoTime, channels)) {
            JournalRecord acknowledged = journal.append(new byte[] {1}, WAIT).join();
            channels.failForces(eio);

            CompletableFuture<JournalRecord> failed = journal.append(new byte[] {2}, WAIT);
            assertThatThrownBy(failed::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining(firstSegment().formatted("force of"))
                    .hasMessageContaining("refuses appends from now on")
                    .cause()
                    .isSameAs(eio);

            assertThatThrownBy(() -> journal.append(new byte[] {3}, Duration.ZERO))
                    .isInstanceOf(JournalException.class)
                    .hasMessageStartingWith(
                            "journal " + dir.toAbsolutePath() + " refuses appends after a failed write: ")
                    .hasCause(eio);
            assertThat(journal.appendedRecords()).isEqualTo(1);
            journal.done(acknowledged); // still allowed; the failed segment is not deleted
        }
        // The file's state after a failed force is unknown; what is valid in it is recovered.
        try (Journal reopened = Journal.open(Journals.small(dir))) {
            assertThat(reopened.recovery().records())
                    .extracting(r -> r.payload()[0])
                    .startsWith((byte) 1);
        }
    }

    @Test
    void append_writeFails_failsTheGroupAndEverythingQueuedBehindIt() throws Exception {
        InstrumentedChannels channels = new InstrumentedChannels();
        IOException enospc = new IOException("No space left on device");
        try (Journal journal = Journal.open(Journals.small(dir), System::nanoTime, channels)) {
            channels.closeGate();
            CompletableFuture<JournalRecord> first = journal.append(new byte[] {1}, WAIT);
            channels.awaitForceHeld();
            List<CompletableFuture<JournalRecord>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(journal.append(new byte[] {2}, WAIT));
            }
            channels.failWrites(enospc);
            channels.openGate();

            assertThat(first.join().sequence()).isEqualTo(1); // its force went through
            for (CompletableFuture<JournalRecord> f : queued) {
                assertThatThrownBy(f::join)
                        .cause()
                        .isInstanceOf(JournalException.class)
                        .hasMessageContaining(firstSegment().formatted("write to"))
                        .hasCause(enospc);
            }
            assertThatThrownBy(() -> journal.append(new byte[] {3}, WAIT)).hasCause(enospc);
            assertThat(journal.forces()).isEqualTo(1);
        }
    }
}
