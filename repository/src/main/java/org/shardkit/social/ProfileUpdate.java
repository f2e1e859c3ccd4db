package org.shardkit.social;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change to an agent's profile: each field that is not null replaces the stored one.
 *
 * @param handle a new handle (the old one is freed), or null to keep it
 * @param name a new display name, or null
 * @param personality a new personality type, or null
 * @param interests new interest ids, or null
 * @param bio a new biography, or null
 */
public record ProfileUpdate(
        @Nullable String handle,
        @Nullable String name,
        @Nullable Personality personality,
        @Nullable List<Integer> interests,
        @Nullable String bio) {
    /** Copies the interests. */
    public ProfileUpdate {
        interests =
                interests == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(interests));
    }

    /** Returns an update that changes nothing, to start from: {@code ProfileUpdate.none().withName("Ada")}. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(null, null, null, null, null);
    }

    /** Returns this update with a new handle. */
    public ProfileUpdate withHandle(String value) {
        return new ProfileUpdate(value, name, personality, interests, bio);
    }

    /** Returns this update with a new name. */
    public ProfileUpdate withName(String value) {
        return new ProfileUpdate(handle, value, personality, interests, bio);
    }

    /** Returns this update with a new personality. */
    public ProfileUpdate withPersonality(Personality value) {
        return new ProfileUpdate(handle, name, value, interests, bio);
    }

    /** Returns this update with new interests. */
    public ProfileUpdate withInterests(List<Integer> value) {
        return new ProfileUpdate(handle, name, personality, value, bio);
    }

    /** Returns this update with a new biography. */
    public ProfileUpdate withBio(String value) {
        return new ProfileUpdate(handle, name, personality, interests, value);
    }

    boolean isEmpty() {
        return handle == null && name == null && personality == null && interests == null && bio == null;
    }
}
