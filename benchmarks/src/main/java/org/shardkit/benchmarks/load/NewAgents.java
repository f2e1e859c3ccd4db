package org.shardkit.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;

/**
 * The agents a run creates: handles unique to the run and the system ({@code lt<run>s<system>n<k>}),
 * so runs over a reused graph never collide, and a random personality, interests and bio of the
 * given length. Thread-safe.
 */
final class NewAgents {
    private static final int INTEREST_IDS = 1024;
    private static final int MIN_INTERESTS = 3;
    private static final int MAX_INTERESTS = 8;
    private static final Personality[] PERSONALITIES = Personality.values();

    private final String prefix;
    private final int bioLength;
    private final AtomicLong counter = new AtomicLong();

    /**
     * Creates the generator.
     *
     * @param runTag a tag unique to the run (letters and digits)
     * @param systemIndex the system's position in {@code --systems}
     * @param bioLength characters of each bio
     */
    NewAgents(String runTag, int systemIndex, int bioLength) {
        this.prefix = "lt" + runTag + "s" + systemIndex + "n";
        this.bioLength = bioLength;
    }

    /** Returns the next new agent, its attributes drawn from {@code random}. */
    NewAgent next(SplittableRandom random) {
        long n = counter.incrementAndGet();
        int count = MIN_INTERESTS + random.nextInt(MAX_INTERESTS - MIN_INTERESTS + 1);
        List<Integer> interests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            interests.add(random.nextInt(INTEREST_IDS));
        }
        Personality personality = PERSONALITIES[random.nextInt(PERSONALITIES.length)];
        return new NewAgent(prefix + n, "Load agent " + n, personality, interests, Text.of(random, bioLength));
    }
}
