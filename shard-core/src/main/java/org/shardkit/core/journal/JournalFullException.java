package org.shardkit.core.journal;

import java.time.Duration;

/**
 * An append was refused because the journal's live bytes stayed at its bound ({@link
 * JournalSettings#maxBytes()}) for as long as the caller would wait: records are appended faster
 * than they are marked {@linkplain Journal#done done}. Nothing was written.
 *
 * <p>Immutable and thread-safe.
 */
public final class JournalFullException extends JournalException {
    private static final long serialVersionUID = 1L;
    private final long liveBytes;
    private final long maxBytes;
    private final Duration waited;

    JournalFullException(String directory, long liveBytes, long maxBytes, long neededBytes, Duration waited) {
        super(
                "journal " + directory + " full: no room for " + neededBytes + " bytes after " + waited.toMillis()
                        + " ms (liveBytes=" + liveBytes + ", maxBytes=" + maxBytes + ")",
                null);
        this.liveBytes = liveBytes;
        this.maxBytes = maxBytes;
        this.waited = waited;
    }

    /** Returns the journal's live bytes when the append gave up. */
    public long liveBytes() {
        return liveBytes;
    }

    /** Returns the bound on the journal's live bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Returns how long the append waited for room. */
    public Duration waited() {
        return waited;
    }
}
