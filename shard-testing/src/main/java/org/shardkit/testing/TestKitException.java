package org.shardkit.testing;

import org.jspecify.annotations.Nullable;

/**
 * The test kit could not provide the servers a test asked for. The message names the mode, the
 * cause and how to choose another mode.
 *
 * <p>Immutable and thread-safe.
 */
public class TestKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, where, and what to do about it
     */
    public TestKitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed, where, and what to do about it
     * @param cause the underlying failure, or null if there is none
     */
    public TestKitException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
