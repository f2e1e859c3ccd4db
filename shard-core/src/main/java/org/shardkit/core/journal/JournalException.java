package org.shardkit.core.journal;

import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardkitException;

/**
 * A journal failed: its directory is in use by another journal, a segment could not be read at open,
 * or a write or {@code force} failed (after which the journal refuses every append, since the
 * file's state is no longer known). The message names the directory or file.
 *
 * <p>Immutable and thread-safe.
 */
public class JournalException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and where
     * @param cause the underlying failure, or null
     */
    public JournalException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
