package org.shardkit.core.journal;

import java.util.List;

/**
 * What {@link Journal#open} found on disk: the records of earlier runs that were not done, in
 * append order, to be applied again (and then passed to {@link Journal#done}); and the damage it
 * skipped. A journal opened on an empty directory recovers nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the valid records found, in sequence order
 * @param damage the regions skipped, in file and offset order
 * @param segmentsRead the segment files read
 * @param bytesRead the bytes of those files
 */
public record JournalRecovery(
        List<JournalRecord> records, List<JournalDamage> damage, int segmentsRead, long bytesRead) {
    /** Copies the lists. */
    public JournalRecovery {
        records = List.copyOf(records);
        damage = List.copyOf(damage);
    }

    /** Returns whether recovery skipped nothing. */
    public boolean isClean() {
        return damage.isEmpty();
    }
}
