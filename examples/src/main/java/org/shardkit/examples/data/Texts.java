package org.shardkit.examples.data;

import java.nio.charset.StandardCharsets;
import org.shardkit.social.InteractionType;
import org.shardkit.social.Personality;

/** The words the graph's text is made of: names, topics, interaction lines. Constants only. */
final class Texts {
    private Texts() {}

    static final String[] FIRST = {
        "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia",
        "Alan", "Hedy", "Tim", "Sophie", "John", "Katherine", "Donald", "Shafi", "Niklaus", "Leslie",
        "Joan", "Guido", "Anita", "Bjarne", "Lynn", "James", "Jean", "Yukihiro", "Mary", "Dorothy",
        "Claude", "Annie", "Vint", "Carol", "Robert", "Adele", "Whitfield", "Evelyn", "Butler", "Ivan",
        "Amara", "Chen", "Diego", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi",
        "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma",
        "Vera", "Wei", "Yara", "Zoltan"
    };

    static final String[] LAST = {
        "Lovelace",
        "Hopper",
        "Torvalds",
        "Liskov",
        "Thompson",
        "Hamilton",
        "Ritchie",
        "Allen",
        "Dijkstra",
        "Perlman",
        "Turing",
        "Lamarr",
        "Lee",
        "Wilson",
        "Backus",
        "Johnson",
        "Knuth",
        "Goldwasser",
        "Wirth",
        "Lamport",
        "Clarke",
        "Rossum",
        "Borg",
        "Stroustrup",
        "Conway",
        "Gosling",
        "Sammet",
        "Matsumoto",
        "Keller",
        "Vaughan",
        "Shannon",
        "Easley",
        "Cerf",
        "Shaw",
        "Tarjan",
        "Goldberg",
        "Diffie",
        "Berezin",
        "Lampson",
        "Sutherland",
        "Okafor",
        "Nakamura",
        "Silva",
        "Kaya",
        "Haddad",
        "Novak",
        "Sato",
        "Moreno",
        "Berg",
        "Mensah",
        "Fischer",
        "Rossi",
        "Adeyemi",
        "Farouk",
        "Iyer",
        "Walsh",
        "Costa",
        "Lund",
        "Aziz",
        "Patel",
        "Petrova",
        "Zhang",
        "Haddadi",
        "Kovacs"
    };

    /** Topics: an interest id {@code i} is about {@code TOPICS[i % TOPICS.length]}. */
    static final String[] TOPICS = {
        "chess",
        "jazz",
        "climbing",
        "sourdough",
        "astronomy",
        "poetry",
        "cycling",
        "gardening",
        "robotics",
        "film",
        "birding",
        "pottery",
        "running",
        "typography",
        "sailing",
        "photography",
        "cooking",
        "history",
        "origami",
        "skiing",
        "philosophy",
        "knitting",
        "surfing",
        "painting",
        "board games",
        "opera",
        "mycology",
        "calligraphy",
        "hiking",
        "synthesizers",
        "architecture",
        "beekeeping"
    };

    private static final String[] LINES = {
        "Have you tried the new %s meetup?",
        "Loved your take on %s today.",
        "Thinking about %s again, as usual.",
        "Any tips for someone new to %s?",
        "That %s story made my week.",
        "Want to do some %s this weekend?",
        "Found a great book on %s, lending it to you.",
        "Still laughing about the %s incident.",
        "Your %s photos are unreal.",
        "Quick question about %s when you have a minute.",
        "Can we talk %s over coffee?",
        "I owe you one for the %s help.",
    };

    /** Every interaction content, pre-encoded: line {@code l} about topic {@code t} is number {@code l * TOPICS.length + t}. */
    static final byte[][] CONTENTS = contents();

    static final int CONTENT_COUNT = CONTENTS.length;

    /** The interaction types, in the order of {@link #TYPE_WEIGHTS}. */
    static final InteractionType[] TYPES = InteractionType.values();

    /** How often each type occurs: messages most, collaborations least. */
    static final double[] TYPE_WEIGHTS = weights(TYPES.length, new double[] {40, 20, 20, 8, 7, 5});

    /** The personalities, in the order of {@link #PERSONALITY_WEIGHTS}. */
    static final Personality[] PERSONALITIES = Personality.values();

    /**
     * How common each personality is, in {@link Personality} order (analyst, creator, explorer,
     * guardian, helper, leader, mediator, performer): an uneven spread, helpers and explorers most.
     */
    static final double[] PERSONALITY_WEIGHTS =
            weights(PERSONALITIES.length, new double[] {14, 12, 17, 13, 18, 7, 10, 9});

    private static final String[] ROLES = {
        "student", "engineer", "teacher", "nurse", "designer", "writer", "chef", "researcher", "musician", "builder"
    };

    private static byte[][] contents() {
        byte[][] out = new byte[LINES.length * TOPICS.length][];
        for (int l = 0; l < LINES.length; l++) {
            for (int t = 0; t < TOPICS.length; t++) {
                out[l * TOPICS.length + t] = String.format(java.util.Locale.ROOT, LINES[l], TOPICS[t])
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    /** Returns the content of a number, as text. */
    static String content(int number) {
        return new String(CONTENTS[number], StandardCharsets.UTF_8);
    }

    /** Returns the topic of an interest id. */
    static String topic(int interest) {
        return TOPICS[interest % TOPICS.length];
    }

    /** Returns a biography from a role number and the agent's first three interests (fewer if it has fewer). */
    static String bio(Personality personality, int role, int[] interests) {
        StringBuilder b = new StringBuilder(96)
                .append(Character.toUpperCase(personality.code().charAt(0)))
                .append(personality.code(), 1, personality.code().length())
                .append(" and ")
                .append(ROLES[role % ROLES.length])
                .append('.');
        int shown = Math.min(3, interests.length);
        if (shown > 0) {
            b.append(" Into ");
            for (int i = 0; i < shown; i++) {
                b.append(i == 0 ? "" : i == shown - 1 ? " and " : ", ").append(topic(interests[i]));
            }
            b.append('.');
        }
        return b.toString();
    }

    static int roles() {
        return ROLES.length;
    }

    private static double[] weights(int expected, double[] weights) {
        if (weights.length != expected) {
            throw new IllegalStateException("expected " + expected + " weights, but there are " + weights.length);
        }
        return weights;
    }
}
