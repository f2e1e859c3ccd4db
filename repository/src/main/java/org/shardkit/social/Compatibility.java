package org.shardkit.social;

import java.util.StringJoiner;

/**
 * The compatibility score of a candidate {@code b} for an agent {@code a}, documented in
 * docs/social.md ("Compatible agents"):
 *
 * <pre>
 * score = wP · M[a.personality][b.personality]
 *       + wI · |a.interests ∩ b.interests| / |a.interests ∪ b.interests|     (Jaccard)
 *       + wR · h / (h + hoursSinceActive(b))                                 (recency)
 * </pre>
 *
 * <p>{@code M} is {@link #MATRIX}, symmetric, in {@code [0, 1]}; the weights {@code wP, wI, wR} and
 * the recency half-life {@code h} (hours: the recency term is 1/2 after {@code h} hours of silence)
 * come from {@link SocialSettings}. {@code hoursSinceActive} is the whole hours from {@code
 * last_active_at} to the repository clock's now, at least 0. Every term is a ratio of integers or a
 * constant, added in this order in float8, so any IEEE-754 implementation computes the same bits
 * (the tests recompute it in Java). Ties are broken by the lower agent id. Immutable.
 */
final class Compatibility {
    private Compatibility() {}

    /** Row {@code p.ordinal()}, column {@code q.ordinal()}: how well personality p goes with q. */
    static final double[][] MATRIX = {
        // ANALYST CREATOR EXPLORER GUARDIAN HELPER LEADER MEDIATOR PERFORMER
        {0.6, 0.7, 0.8, 0.7, 0.5, 0.6, 0.5, 0.3}, // ANALYST
        {0.7, 0.6, 0.9, 0.3, 0.6, 0.5, 0.6, 0.8}, // CREATOR
        {0.8, 0.9, 0.7, 0.3, 0.6, 0.6, 0.5, 0.7}, // EXPLORER
        {0.7, 0.3, 0.3, 0.7, 0.8, 0.7, 0.7, 0.3}, // GUARDIAN
        {0.5, 0.6, 0.6, 0.8, 0.6, 0.7, 0.9, 0.6}, // HELPER
        {0.6, 0.5, 0.6, 0.7, 0.7, 0.3, 0.8, 0.6}, // LEADER
        {0.5, 0.6, 0.5, 0.7, 0.9, 0.8, 0.6, 0.6}, // MEDIATOR
        {0.3, 0.8, 0.7, 0.3, 0.6, 0.6, 0.6, 0.5}, // PERFORMER
    };

    /** Returns the matrix entry of two personalities. */
    static double matrix(Personality a, Personality b) {
        return MATRIX[a.ordinal()][b.ordinal()];
    }

    /** The per-shard score expression over the candidate {@code a}; its parameters are bound by {@link #bind}. */
    static final String SCORE = ":wp * (CAST(:row AS float8[]))[array_position(CAST(:codes AS text[]), a.personality)]"
            + " + :wi * (o.common / (:mine_count + cardinality(a.interests) - o.common))"
            + " + :wr * (:half_life / (:half_life + GREATEST(0, floor(extract(epoch FROM"
            + " (CAST(:now AS timestamptz) - a.last_active_at)) / 3600))::float8))";

    /** The count of interests in common, a {@code LATERAL} subquery named {@code o}. */
    static final String COMMON = "CROSS JOIN LATERAL (SELECT count(*)::float8 AS common"
            + " FROM unnest(a.interests) x WHERE x = ANY(CAST(:mine AS integer[]))) o";

    /** The personality codes' literal and each matrix row's, built once: every search binds them. */
    private static final String CODES = codesLiteral();

    private static final String[] ROWS = rowLiterals();

    /** Returns the personality codes in ordinal order, as a text[] literal. */
    static String codes() {
        return CODES;
    }

    /** Returns the matrix row of a personality, as a float8[] literal (Java's shortest exact decimal form). */
    static String row(Personality p) {
        return ROWS[p.ordinal()];
    }

    private static String codesLiteral() {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (Personality p : Personality.values()) {
            j.add(p.code());
        }
        return j.toString();
    }

    private static String[] rowLiterals() {
        String[] rows = new String[MATRIX.length];
        for (int r = 0; r < MATRIX.length; r++) {
            StringJoiner j = new StringJoiner(",", "{", "}");
            for (double v : MATRIX[r]) {
                j.add(Double.toString(v));
            }
            rows[r] = j.toString();
        }
        return rows;
    }
}
