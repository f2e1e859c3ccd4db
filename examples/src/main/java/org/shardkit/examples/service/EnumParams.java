package org.shardkit.examples.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.shardkit.social.InvalidInputException;

/** Enum constants from request text, in any case; text that names none is a 400 naming the field. */
final class EnumParams {
    private EnumParams() {}

    /**
     * Returns the constant the text names, ignoring case and surrounding blanks.
     *
     * @throws InvalidInputException naming the field and the accepted values
     */
    static <E extends Enum<E>> E parse(String field, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new InvalidInputException(field, text, "must be one of " + accepted);
    }
}
