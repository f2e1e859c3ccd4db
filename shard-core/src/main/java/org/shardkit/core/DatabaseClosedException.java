package org.shardkit.core;

/**
 * The {@link ShardedDatabase} was closed and its pools are gone.
 *
 * <p>Immutable and thread-safe.
 */
public final class DatabaseClosedException extends ShardkitException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DatabaseClosedException() {
        super("this ShardedDatabase is closed; its pools are shut down");
    }
}
