package org.shardkit.social;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text form of an outbox message: fields as {@code <length>:<text>}, so any text (content with
 * any character) round-trips exactly. A null field is written as {@code -:}.
 */
final class Payload {
    private final List<@Nullable String> fields;
    private int next;

    private Payload(List<@Nullable String> fields) {
        this.fields = fields;
    }

    /** Encodes fields in order. */
    static String of(@Nullable Object... values) {
        StringBuilder out = new StringBuilder();
        for (Object v : values) {
            if (v == null) {
                out.append("-:");
            } else {
                String s = String.valueOf(v);
                out.append(s.length()).append(':').append(s);
            }
        }
        return out.toString();
    }

    /**
     * Decodes a payload written by {@link #of}.
     *
     * @throws IllegalArgumentException if the text is not such a payload
     */
    static Payload parse(String text) {
        List<@Nullable String> fields = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalArgumentException("not a social payload: no ':' after position " + i);
            }
            String head = text.substring(i, colon);
            if (head.equals("-")) {
                fields.add(null);
                i = colon + 1;
                continue;
            }
            int length;
            try {
                length = Integer.parseInt(head);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a social payload: bad length '" + head + "'", e);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw new IllegalArgumentException("not a social payload: field overruns the text at " + i);
            }
            fields.add(text.substring(colon + 1, end));
            i = end;
        }
        return new Payload(fields);
    }

    @Nullable
    String nextOrNull() {
        if (next >= fields.size()) {
            throw new IllegalArgumentException("social payload has only " + fields.size() + " fields");
        }
        return fields.get(next++);
    }

    String next() {
        String s = nextOrNull();
        if (s == null) {
            throw new IllegalArgumentException("social payload field " + (next - 1) + " is null");
        }
        return s;
    }

    long nextLong() {
        return Long.parseLong(next());
    }

    @Nullable
    Long nextLongOrNull() {
        String s = nextOrNull();
        return s == null ? null : Long.valueOf(s);
    }
}
