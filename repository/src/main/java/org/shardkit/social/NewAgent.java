package org.shardkit.social;

import java.util.List;

/**
 * What a caller gives to create an agent; the repository validates it ({@link SocialSettings}
 * holds the limits) and assigns the id.
 *
 * @param handle the unique handle: 1 to 64 characters of letters, digits, '_', '.', '-'; compared
 *     case-insensitively (stored in lower case)
 * @param name the display name, not blank
 * @param personality the personality type
 * @param interests interest ids in {@code [0, SocialSettings.interestIdLimit())}; order and
 *     duplicates do not matter
 * @param bio the biography, possibly empty
 */
public record NewAgent(String handle, String name, Personality personality, List<Integer> interests, String bio) {
    /** Copies the interests; nulls are checked by the repository, which names them. */
    public NewAgent {
        interests = interests == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(interests));
    }
}
