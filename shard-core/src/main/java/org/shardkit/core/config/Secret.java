package org.shardkit.core.config;

import java.util.Objects;

/**
 * A password or other secret. Its {@link #toString()} never shows the value, so a configuration can
 * be logged or put into an exception message safely.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the value, not null (empty for none)
     * @return the secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? EMPTY : new Secret(value);
    }

    /** Returns the empty secret (no password, e.g. for trust authentication). */
    public static Secret empty() {
        return EMPTY;
    }

    /** Returns the value; hand it only to the driver. */
    public String reveal() {
        return value;
    }

    /** Tells whether there is no secret. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && ((Secret) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Returns {@code "******"} or {@code "(none)"}; never the value. */
    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "******";
    }
}
