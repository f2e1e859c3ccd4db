package org.shardkit.social;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks of every argument of the social API, against one {@link SocialSettings}: each refusal
 * is an {@link InvalidInputException} naming the parameter and the value. Text is kept verbatim;
 * only what PostgreSQL cannot store as text (U+0000) or UTF-8 cannot encode (a lone surrogate) is
 * refused. Thread-safe.
 */
final class InputRules {
    /** Handles: 1 to 64 letters, digits, '_', '.', '-'. */
    static final int MAX_HANDLE_LENGTH = 64;

    private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\p{N}_.\\-]{1," + MAX_HANDLE_LENGTH + "}");

    private final SocialSettings settings;

    InputRules(SocialSettings settings) {
        this.settings = settings;
    }

    SocialSettings settings() {
        return settings;
    }

    /** Returns the handle as stored: NFC, lower case. */
    String handle(String field, @Nullable String handle) {
        if (handle == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
        String normal = Normalizer.normalize(handle, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (!HANDLE.matcher(normal).matches()) {
            throw new InvalidInputException(
                    field, handle, "must be 1 to " + MAX_HANDLE_LENGTH + " letters, digits, '_', '.' or '-'");
        }
        return normal;
    }

    /** Checks a name: not blank, at most the configured length. */
    String name(String field, @Nullable String name) {
        String text = text(field, name);
        if (text.isBlank()) {
            throw new InvalidInputException(field, name, "must not be blank");
        }
        return atMost(field, text, settings.maxNameLength());
    }

    /** Checks a biography or description: possibly empty, at most the configured length. */
    String bio(String field, @Nullable String bio) {
        return atMost(field, text(field, bio), settings.maxBioLength());
    }

    /** Checks interaction content: not empty, at most the configured UTF-8 bytes. */
    String content(@Nullable String content) {
        String text = text("content", content);
        if (text.isEmpty()) {
            throw new InvalidInputException("content", content, "must not be empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxContentBytes()) {
            throw new InvalidInputException(
                    "content",
                    content,
                    "must be at most " + settings.maxContentBytes() + " UTF-8 bytes (is " + bytes + ")");
        }
        return text;
    }

    /** Returns the interests ascending without duplicates, each checked against the configured bound. */
    Integer[] interests(@Nullable List<Integer> interests) {
        if (interests == null) {
            throw new InvalidInputException("interests", null, "must not be null (use an empty list)");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int i = 0; i < interests.size(); i++) {
            Integer id = interests.get(i);
            if (id == null || id < 0 || id >= settings.interestIdLimit()) {
                throw new InvalidInputException(
                        "interests[" + i + "]",
                        id,
                        "must be an interest id in [0, " + settings.interestIdLimit() + ")");
            }
            sorted.add(id);
        }
        if (sorted.size() > settings.maxInterests()) {
            throw new InvalidInputException(
                    "interests", interests, "must hold at most " + settings.maxInterests() + " distinct ids");
        }
        return sorted.toArray(new Integer[0]);
    }

    /** Checks that an id is a positive id. */
    static long id(String field, long id) {
        if (id <= 0) {
            throw new InvalidInputException(field, id, "must be a positive id");
        }
        return id;
    }

    /** Checks two agents differ (befriending or messaging oneself). */
    static void distinct(String field, long agentId, long otherId) {
        id("agentId", agentId);
        id(field, otherId);
        if (agentId == otherId) {
            throw new InvalidInputException(field, otherId, "must be another agent than " + agentId);
        }
    }

    /** Checks a page size. */
    int limit(int limit) {
        if (limit < 1 || limit > settings.maxPageSize()) {
            throw new InvalidInputException("limit", limit, "must be between 1 and " + settings.maxPageSize());
        }
        return limit;
    }

    static <T> T required(String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
        return value;
    }

    private static String text(String field, @Nullable String text) {
        if (text == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new InvalidInputException(
                        field, text, "must not contain U+0000 (PostgreSQL text cannot store it; at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)
                            && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                throw new InvalidInputException(
                        field,
                        text,
                        "must be well-formed UTF-16 (a lone surrogate at index " + i + " has no UTF-8 form)");
            }
        }
        return text;
    }

    private static String atMost(String field, String text, int max) {
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new InvalidInputException(field, text, "must be at most " + max + " characters (is " + length + ")");
        }
        return text;
    }
}
