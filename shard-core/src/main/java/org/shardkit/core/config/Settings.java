package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks every configuration builder runs on its setters: bounds, with the setting's name and
 * value in the message, and "given twice" ({@link #requireUnset}).
 */
final class Settings {
    private Settings() {}

    /** Refuses a setting given a second time: a later call would silently replace the first. */
    static void requireUnset(String setting, boolean alreadySet, @Nullable Object current, @Nullable Object value) {
        if (alreadySet) {
            throw new IllegalStateException(
                    setting + " was already set to " + describe(current) + ", cannot set it to " + describe(value));
        }
    }

    static int intIn(String setting, long value, long min, long max) {
        if (value < min) {
            throw new InvalidSettingException(setting, "must be >= " + min, value);
        }
        if (value > max) {
            throw new InvalidSettingException(setting, "must be <= " + max, value);
        }
        return (int) value;
    }

    static Duration atLeast(String setting, Duration value, Duration min) {
        Objects.requireNonNull(value, setting);
        if (value.compareTo(min) < 0) {
            throw new InvalidSettingException(setting, "must be >= " + format(min), format(value));
        }
        return value;
    }

    static Duration atMost(String setting, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            throw new InvalidSettingException(setting, "must be <= " + format(max), format(value));
        }
        return value;
    }

    /** A duration that is zero (off) or at least {@code min}. */
    static Duration zeroOrAtLeast(String setting, Duration value, Duration min) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || (!value.isZero() && value.compareTo(min) < 0)) {
            throw new InvalidSettingException(setting, "must be 0 (off) or >= " + format(min), format(value));
        }
        return value;
    }

    static String text(String setting, String value, String pattern, String what) {
        Objects.requireNonNull(value, setting);
        if (!value.matches(pattern)) {
            throw new InvalidSettingException(setting, "must be " + what, "'" + value + "'");
        }
        return value;
    }

    /** Formats a duration as configuration writes it: {@code 250ms}, {@code 30s}, {@code 10m}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 60_000 == 0 && ms < 3_600_000) {
            return (ms / 60_000) + "m";
        }
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        return (ms / 1000) + "s";
    }

    /** The settings a builder was given, so none is given twice. */
    static final class Given {
        private final java.util.Set<String> names = new java.util.HashSet<>();

        /** Records a setting, refusing it if it was given before; {@code current} is its value now. */
        void once(String setting, @Nullable Object current, @Nullable Object value) {
            requireUnset(setting, !names.add(setting), current, value);
        }
    }

    static String describe(@Nullable Object value) {
        if (value instanceof Duration d) {
            return format(d);
        }
        return String.valueOf(value);
    }
}
