package org.shardkit.examples.demo;

/**
 * A command line the demo cannot run: an unknown flag, a missing value, or a value out of range.
 * The message names the flag and the value given; {@link SocialDemo#main} prints it with the usage.
 *
 * <p>Immutable.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String flag;

    /**
     * Creates the exception.
     *
     * @param flag the flag at fault, e.g. {@code --agents}
     * @param message what is wrong, naming the flag and the value
     */
    UsageException(String flag, String message) {
        super(message);
        this.flag = flag;
    }

    /** Returns the flag at fault, e.g. {@code --agents}. */
    String flag() {
        return flag;
    }
}
