package org.shardkit.core.writequeue;

import java.util.List;
import org.shardkit.core.journal.JournalDamage;

/**
 * What a {@link WriteQueue} found in its journal when it started: the writes it handed to its sink
 * again (those a crash left uncommitted, and maybe some that had committed: sinks are idempotent),
 * the records its codec could not read (set aside in the {@code quarantine} folder, never dropped),
 * and the damaged regions the journal skipped (a torn tail from the crash, or corruption).
 *
 * @param replayed writes handed to the sink again
 * @param quarantined records set aside, undecodable
 * @param damage damaged regions skipped, each with its file, offset and size
 */
public record ReplayReport(int replayed, int quarantined, List<JournalDamage> damage) {
    /** Copies the list. */
    public ReplayReport {
        damage = List.copyOf(damage);
    }

    /** Returns the report of a queue without a journal, or of an empty one. */
    static ReplayReport none() {
        return new ReplayReport(0, 0, List.of());
    }
}
