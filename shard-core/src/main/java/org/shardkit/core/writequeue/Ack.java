package org.shardkit.core.writequeue;

/** When the future {@link WriteQueue#submit} returns completes. */
public enum Ack {
    /**
     * Once the write is in the queue's local journal, forced to disk (one force for many writes). A
     * crash of the process after that loses nothing: the next queue over the same journal replays it.
     * Needs a journal.
     */
    JOURNALED,
    /** Once the write's sink committed it (with a journal, it is journaled first as well). */
    COMMITTED
}
