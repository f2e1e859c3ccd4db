package org.shardkit.core.outbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The argument checks of {@link Outbox} and its builder: each names the parameter and the bad value. */
final class Arguments {
    private Arguments() {}

    /** Returns the value, or throws {@link IllegalArgumentException} naming it if null. */
    static <T> T require(String name, @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Returns the text, or throws {@link IllegalArgumentException} naming it if null or blank. */
    static String requireText(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + " must not be " + (value == null ? "null" : "blank, but was '" + value + "'"));
        }
        return value;
    }

    /** Returns the duration, or throws {@link IllegalArgumentException} naming it if null or below 1 ms. */
    static Duration atLeastOneMilli(String name, @Nullable Duration value) {
        Duration d = require(name, value);
        if (d.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, but was " + d);
        }
        return d;
    }

    /** Refuses a builder setting given twice, naming both values. */
    static void requireUnset(String setting, @Nullable Object current, @Nullable Object value) {
        if (current != null) {
            throw new IllegalStateException(setting + " was already set to " + current + ", cannot set it to " + value);
        }
    }
}
