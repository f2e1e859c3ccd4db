package org.shardkit.social;

import java.util.Locale;

/** An agent's personality type: the input of the compatibility matrix of the compatible-agents search. */
public enum Personality {
    ANALYST,
    CREATOR,
    EXPLORER,
    GUARDIAN,
    HELPER,
    LEADER,
    MEDIATOR,
    PERFORMER;

    /** Returns the name stored in the database: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the personality a stored name stands for.
     *
     * @throws IllegalStateException if the name is not one of ours (the row was not written by shardkit)
     */
    static Personality fromCode(String code) {
        for (Personality p : values()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        throw new IllegalStateException("unknown personality '" + code + "' in the agent table");
    }
}
