package org.shardkit.idgen;

/**
 * The unchecked base of every failure to issue an ID. Subclasses carry the details as getters.
 *
 * <p>Instances are immutable once thrown and may be shared between threads.
 */
public class IdGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, with the numbers and the limit
     */
    public IdGenerationException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed, with the numbers and the limit
     * @param cause the underlying failure
     */
    public IdGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
