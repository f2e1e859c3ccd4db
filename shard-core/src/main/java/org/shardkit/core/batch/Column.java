package org.shardkit.core.batch;

import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One column of a {@link BatchTable}: its name, its PostgreSQL type and how to read its value from a
 * row. Values are written as PostgreSQL's text input form (the {@code COPY} text format and the text
 * arrays of the {@code INSERT} path share it). Immutable and thread-safe.
 */
final class Column<R> {
    /** The column types a batch table supports, with their PostgreSQL array type. */
    enum Type {
        BIGINT("int8"),
        INTEGER("int4"),
        DOUBLE("float8"),
        BOOLEAN("bool"),
        TEXT("text"),
        TIMESTAMPTZ("timestamptz");

        final String pgType;

        Type(String pgType) {
            this.pgType = pgType;
        }
    }

    final String name;
    final Type type;
    private final Function<R, @Nullable Object> value;

    Column(String name, Type type, Function<R, @Nullable Object> value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    /**
     * Returns the row's value in PostgreSQL's text input form, or null for SQL NULL.
     *
     * @throws IllegalArgumentException if a text holds NUL, which PostgreSQL text cannot store
     */
    @Nullable
    String text(R row) {
        Object v = value.apply(row);
        if (v == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> ((Boolean) v) ? "t" : "f";
            case TIMESTAMPTZ -> ((Instant) v).toString();
            case TEXT -> checkText((String) v);
            default -> v.toString();
        };
    }

    /**
     * Returns a text PostgreSQL can store as it is: no NUL, and no lone surrogate (which UTF-8 cannot
     * encode, so that the driver would write {@code ?} in its place).
     */
    private String checkText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException("column " + name + " holds a NUL character (U+0000) at index " + i
                        + ", which PostgreSQL text cannot store");
            }
            if (Character.isSurrogate(c)) {
                boolean paired =
                        Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException("column " + name + " holds a lone surrogate (U+"
                            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
                            + ", which UTF-8 cannot encode");
                }
                i++;
            }
        }
        return s;
    }
}
