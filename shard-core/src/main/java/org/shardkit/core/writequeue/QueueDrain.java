package org.shardkit.core.writequeue;

import java.time.Duration;

/**
 * What closing a {@link WriteQueue} left. Journaled writes not yet committed stay in the journal and
 * are replayed by the next queue over it; other writes not committed had their futures failed.
 *
 * @param leftInJournal journaled writes not committed when the queue closed: in the journal, replayed next start
 * @param undrained writes without a journal not committed when the queue closed: their futures failed
 * @param took how long closing took
 */
public record QueueDrain(int leftInJournal, int undrained, Duration took) {
    /** Tells whether every accepted write committed (or failed for its own reason) before closing returned. */
    public boolean complete() {
        return leftInJournal == 0 && undrained == 0;
    }
}
