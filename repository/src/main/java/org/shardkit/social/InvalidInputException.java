package org.shardkit.social;

import org.jspecify.annotations.Nullable;

/**
 * An argument the social API refused: it names the parameter and the value (shortened in the
 * message when long, complete in {@link #value()}), and nothing was written.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 80;

    private final String field;
    private final transient @Nullable Object value;

    /**
     * Creates the exception.
     *
     * @param field the parameter, e.g. {@code name} or {@code interests[3]}
     * @param value the value refused
     * @param rule what the value must be
     */
    public InvalidInputException(String field, @Nullable Object value, String rule) {
        super(field + " " + rule + ", but was " + shown(value));
        this.field = field;
        this.value = value;
    }

    /** Returns the parameter that was refused. */
    public String field() {
        return field;
    }

    /** Returns the value that was refused. */
    public @Nullable Object value() {
        return value;
    }

    private static String shown(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof CharSequence text)) {
            return String.valueOf(value);
        }
        String s = text.toString();
        int length = s.length();
        String head = length > SHOWN
                ? s.substring(0, s.offsetByCodePoints(0, Math.min(SHOWN, s.codePointCount(0, length))))
                : s;
        return "'" + head + (head.length() < length ? "…' (" + length + " chars)" : "'");
    }
}
