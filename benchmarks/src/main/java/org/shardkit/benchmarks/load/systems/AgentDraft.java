package org.shardkit.benchmarks.load.systems;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.shardkit.social.NewAgent;

/**
 * A new agent's columns as the repository stores them: the handle in NFC lower case, the interests
 * ascending without duplicates, the personality as its code. The other systems store the same
 * values so that searches over their data agree with the repository's. Immutable.
 */
record AgentDraft(String handle, String name, String personality, Integer[] interests, String bio) {

    /** Normalizes a new agent; a null field is an {@link IllegalArgumentException} naming it. */
    static AgentDraft of(NewAgent a) {
        Objects.requireNonNull(a, "agent");
        String handle = Normalizer.normalize(required("handle", a.handle()), Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        TreeSet<Integer> interests = new TreeSet<>();
        for (int i = 0; i < a.interests().size(); i++) {
            interests.add(required("interests[" + i + "]", a.interests().get(i)));
        }
        return new AgentDraft(
                handle,
                required("name", a.name()),
                required("personality", a.personality()).code(),
                interests.toArray(new Integer[0]),
                required("bio", a.bio()));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }
}
