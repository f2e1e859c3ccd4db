package org.shardkit.benchmarks.load;

/** A bad command line: the message names the option and the value, and {@link OptionsParser#USAGE} says the rest. */
public final class UsageException extends IllegalArgumentException {
    private final String option;

    UsageException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** Returns the option at fault, e.g. {@code --rate}. */
    public String option() {
        return option;
    }
}
