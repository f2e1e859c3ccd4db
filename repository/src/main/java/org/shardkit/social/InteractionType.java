package org.shardkit.social;

import java.util.Locale;

/** What kind of interaction one agent had with another. */
public enum InteractionType {
    MESSAGE,
    COMMENT,
    REACTION,
    SHARE,
    MENTION,
    COLLABORATION;

    /** Returns the name stored in the database: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the type a name stands for, in any case: how callers that receive types as text (an
     * HTTP API) turn them into one.
     *
     * @throws InvalidInputException naming the text when it is no type
     */
    public static InteractionType parse(String text) {
        if (text != null) {
            for (InteractionType t : values()) {
                if (t.code().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
        }
        throw new InvalidInputException("type", text, "must be one of " + java.util.Arrays.toString(values()));
    }
}
