package org.shardkit.examples.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialSettings;

/**
 * Agents' profiles, each drawn alone from (seed, agent index): a name from {@link Texts}, a unique
 * handle ({@code first.last.<index in base 36>}, lower case), a personality by {@link
 * Texts#PERSONALITY_WEIGHTS}, {@value #MIN_INTERESTS} to {@value #MAX_INTERESTS} interests drawn by
 * Zipf's law (exponent {@value #INTEREST_EXPONENT}) over the repository's default interest ids, so
 * that popular interests are shared by many agents and the compatible-agents search finds overlap,
 * and a short biography. Immutable and thread-safe.
 */
final class Profiles {
    static final int MIN_INTERESTS = 3;
    static final int MAX_INTERESTS = 8;
    static final double INTEREST_EXPONENT = 0.9;

    /** An agent's drawn profile; {@code interests} ascending, without repeats, as the repository stores them. */
    record Profile(String handle, String name, Personality personality, int[] interests, String bio) {}

    private final long seed;
    private final AliasTable interests = AliasTable.zipf(SocialSettings.DEFAULT_INTEREST_ID_LIMIT, INTEREST_EXPONENT);
    private final AliasTable personalities = AliasTable.of(Texts.PERSONALITY_WEIGHTS);

    Profiles(long seed) {
        this.seed = seed;
    }

    Profile profile(int index) {
        SplittableRandom r = Draws.random(seed, Draws.PROFILES, index);
        String first = Texts.FIRST[r.nextInt(Texts.FIRST.length)];
        String last = Texts.LAST[r.nextInt(Texts.LAST.length)];
        Personality personality = Texts.PERSONALITIES[personalities.sample(r)];
        int wanted = MIN_INTERESTS + r.nextInt(MAX_INTERESTS - MIN_INTERESTS + 1);
        int[] picked = new int[wanted];
        int count = 0;
        // Bounded: a draw that repeats one is dropped, so an agent may end with fewer.
        for (int attempt = 0; attempt < 4 * wanted && count < wanted; attempt++) {
            int interest = interests.sample(r);
            boolean seen = false;
            for (int i = 0; i < count; i++) {
                seen |= picked[i] == interest;
            }
            if (!seen) {
                picked[count++] = interest;
            }
        }
        int[] drawn = Arrays.copyOf(picked, count);
        int[] mine = drawn.clone();
        Arrays.sort(mine);
        String handle = (first + "." + last + "." + Integer.toString(index, 36)).toLowerCase(java.util.Locale.ROOT);
        String bio = Texts.bio(personality, r.nextInt(Texts.roles()), drawn);
        return new Profile(handle, first + " " + last, personality, mine, bio);
    }
}
