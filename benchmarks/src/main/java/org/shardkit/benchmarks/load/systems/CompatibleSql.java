package org.shardkit.benchmarks.load.systems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialSettings;

/**
 * The repository's compatible-agents search as plain JDBC, for the systems that are not shardkit:
 * the same score (docs/social.md, "Compatible agents"), computed by the same SQL expression with the
 * same parameter types, so that every system orders the same candidates the same way, bit for bit:
 * {@code score DESC, id ASC}, like {@code CompatibleSearch.BEST_FIRST}.
 *
 * <p>The repository's {@code Compatibility} class is package-private, so its matrix is copied here
 * ({@link #MATRIX}); the systems' equality test fails if the two drift apart. Thread-safe.
 */
final class CompatibleSql {
    private CompatibleSql() {}

    /**
     * The candidates a shard scores, as the repository's default settings have it. The systems over one
     * logical database score this many per shard of the systems they are compared with, together.
     */
    static final int PER_SHARD = SocialSettings.defaults().compatibleCandidates();

    /** A candidate and its score. */
    record Scored(long id, double score) {}

    /** Best first: score descending, then the lower id, as the repository merges its shards' lists. */
    static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::id);

    /** A copy of the repository's {@code Compatibility.MATRIX}, rows and columns in {@link Personality} order. */
    static final double[][] MATRIX = {
        {0.6, 0.7, 0.8, 0.7, 0.5, 0.6, 0.5, 0.3},
        {0.7, 0.6, 0.9, 0.3, 0.6, 0.5, 0.6, 0.8},
        {0.8, 0.9, 0.7, 0.3, 0.6, 0.6, 0.5, 0.7},
        {0.7, 0.3, 0.3, 0.7, 0.8, 0.7, 0.7, 0.3},
        {0.5, 0.6, 0.6, 0.8, 0.6, 0.7, 0.9, 0.6},
        {0.6, 0.5, 0.6, 0.7, 0.7, 0.3, 0.8, 0.6},
        {0.5, 0.6, 0.5, 0.7, 0.9, 0.8, 0.6, 0.6},
        {0.3, 0.8, 0.7, 0.3, 0.6, 0.6, 0.6, 0.5},
    };

    /** The agent's profile and the ids it must not be offered, as the repository reads them from its shard. */
    static final String SEEKER = "SELECT personality, interests FROM agent WHERE id = ?";

    /** Friends and blocked agents, either way: never offered (the repository's {@code EXCLUDED}). */
    static final String EXCLUDED =
            "SELECT friend_id FROM friendship WHERE agent_id = ? AND status IN ('accepted', 'blocked')";

    /**
     * The score over candidate {@code a}, the repository's {@code Compatibility.SCORE} with positional
     * parameters: wp, row, codes, wi, mine_count, wr, half_life, half_life, now.
     */
    static final String SCORE = score("?");

    /**
     * The score with the personality codes written into the statement, not bound: ShardingSphere
     * 5.5.2's parser does not count a parameter inside an array subscript, so with the codes bound it
     * takes the {@code LIMIT}'s parameter for the one before it. The codes are constants of {@link
     * Personality}, never input; the value is the same. Parameters: wp, row, wi, mine_count, wr,
     * half_life, half_life, now.
     */
    static final String SCORE_CODES_INLINE = score("'{" + String.join(",", codes()) + "}'");

    private static String score(String codes) {
        return "? * (CAST(? AS float8[]))[array_position(CAST(" + codes + " AS text[]), a.personality)]"
                + " + ? * (o.common / (? + cardinality(a.interests) - o.common))"
                + " + ? * (? / (? + GREATEST(0, floor(extract(epoch FROM"
                + " (CAST(? AS timestamptz) - a.last_active_at)) / 3600))::float8))";
    }

    /** The interests in common, a {@code LATERAL} subquery named {@code o}; parameter: mine. */
    static final String COMMON = "CROSS JOIN LATERAL (SELECT count(*)::float8 AS common"
            + " FROM unnest(a.interests) x WHERE x = ANY(CAST(? AS integer[]))) o";

    private static final String AGENT_COLUMNS =
            "id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at";

    /**
     * The candidates a database scores: its most recently active agents (by day) sharing an interest, not the
     * seeker, not excluded (the repository's, {@code SocialSettings.compatibleCandidates}). Parameters:
     * mine, self, excluded, how many.
     */
    static final String CANDIDATES = "SELECT * FROM agent c"
            + " WHERE c.interests && CAST(? AS integer[]) AND c.status = 'active' AND c.id <> ?"
            + " AND c.id NOT IN (SELECT unnest(CAST(? AS bigint[])))"
            + " ORDER BY c.active_on DESC, c.id DESC LIMIT ?";

    /**
     * One database's best {@code k}: the repository's per-shard statement ({@code CompatibleSearch.sql()})
     * with positional parameters: the score's, the {@link #CANDIDATES}', mine (COMMON), k.
     */
    static final String TOP_K = "SELECT " + AGENT_COLUMNS + ", score FROM (SELECT a.*, " + SCORE + " AS score"
            + " FROM (" + CANDIDATES + ") a " + COMMON + ") a"
            + " ORDER BY score DESC, id LIMIT ?";

    /**
     * The seeker read from its database.
     *
     * @param personality its personality code
     * @param interests its interests, ascending
     */
    record Seeker(long id, String personality, Integer[] interests) {}

    /**
     * Reads the seeker's profile.
     *
     * @throws IllegalArgumentException if no agent has the id
     */
    static Seeker seeker(Connection c, long agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SEEKER)) {
            ps.setLong(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("agent " + agentId + " does not exist");
                }
                Object[] raw = (Object[]) rs.getArray(2).getArray();
                Integer[] interests = new Integer[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    interests[i] = (Integer) raw[i];
                }
                return new Seeker(agentId, rs.getString(1), interests);
            }
        }
    }

    /** Reads the ids the seeker must not be offered. */
    static List<Long> excluded(Connection c, long agentId) throws SQLException {
        return SocialSql.longs(c, EXCLUDED, agentId);
    }

    /**
     * Binds the score's parameters from index {@code first}, as the repository binds them with its
     * default settings and {@code now} from the clock.
     *
     * @return the next parameter index
     */
    static int bindScore(PreparedStatement ps, int first, SocialSql sql, Connection c, Seeker seeker, Clock clock)
            throws SQLException {
        return bindScore(ps, first, sql, c, seeker, clock, true);
    }

    /** Binds the parameters of {@link #SCORE}, or of {@link #SCORE_CODES_INLINE} when {@code codesBound} is false. */
    static int bindScore(
            PreparedStatement ps,
            int first,
            SocialSql sql,
            Connection c,
            Seeker seeker,
            Clock clock,
            boolean codesBound)
            throws SQLException {
        SocialSettings settings = SocialSettings.defaults();
        double halfLife = (double) settings.recencyHalfLife().toHours();
        int i = first;
        ps.setDouble(i++, settings.personalityWeight());
        sql.bindArray(ps, i++, c, "float8", row(seeker.personality()));
        if (codesBound) {
            sql.bindArray(ps, i++, c, "text", codes());
        }
        ps.setDouble(i++, settings.interestWeight());
        ps.setInt(i++, seeker.interests().length);
        ps.setDouble(i++, settings.recencyWeight());
        ps.setDouble(i++, halfLife);
        ps.setDouble(i++, halfLife);
        ps.setObject(i++, clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        return i;
    }

    /**
     * Runs {@link #TOP_K} on one database: the best {@code k} of its {@code candidates} most recently
     * active candidates, best first.
     */
    static List<Scored> topK(
            SocialSql sql, Connection c, Seeker seeker, List<Long> excluded, int candidates, int k, Clock clock)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TOP_K)) {
            int i = bindScore(ps, 1, sql, c, seeker, clock);
            i = bindCandidates(ps, i, sql, c, seeker, excluded, candidates);
            sql.bindArray(ps, i++, c, "int4", seeker.interests());
            ps.setInt(i, k);
            return scored(ps);
        }
    }

    /**
     * Binds the parameters of {@link #CANDIDATES} from index {@code first}.
     *
     * @return the next parameter index
     */
    static int bindCandidates(
            PreparedStatement ps, int first, SocialSql sql, Connection c, Seeker seeker, List<Long> excluded, int n)
            throws SQLException {
        int i = first;
        sql.bindArray(ps, i++, c, "int4", seeker.interests());
        ps.setLong(i++, seeker.id());
        sql.bindArray(ps, i++, c, "int8", excluded.toArray(new Long[0]));
        ps.setInt(i++, n);
        return i;
    }

    /** Reads {@code (id, score)} rows. */
    static List<Scored> scored(PreparedStatement ps) throws SQLException {
        List<Scored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Scored(rs.getLong("id"), rs.getDouble("score")));
            }
        }
        return out;
    }

    /** Returns the first {@code k} of lists merged best first, as ids. */
    static List<Long> best(List<Scored> all, int k) {
        List<Scored> sorted = new ArrayList<>(all);
        sorted.sort(BEST_FIRST);
        return sorted.stream().limit(k).map(Scored::id).toList();
    }

    /** The personality codes in ordinal order. */
    static String[] codes() {
        Personality[] all = Personality.values();
        String[] codes = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            codes[i] = all[i].code();
        }
        return codes;
    }

    /** The matrix row of a personality given by its code. */
    static Double[] row(String personalityCode) {
        for (Personality p : Personality.values()) {
            if (p.code().equals(personalityCode)) {
                double[] row = MATRIX[p.ordinal()];
                Double[] boxed = new Double[row.length];
                for (int i = 0; i < row.length; i++) {
                    boxed[i] = row[i];
                }
                return boxed;
            }
        }
        throw new IllegalStateException("unknown personality '" + personalityCode + "' in the agent table");
    }
}
