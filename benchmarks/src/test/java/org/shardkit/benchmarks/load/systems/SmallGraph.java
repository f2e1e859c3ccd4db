package org.shardkit.benchmarks.load.systems;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.FriendOrder;
import org.shardkit.social.Friendship;
import org.shardkit.social.InteractionType;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialException;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.PostgresServer;

/**
 * A small social graph for the systems' equality test, built through the repository on the shards
 * (so every invariant holds) and then copied table by table to the single server: agents with 0 to 5
 * of 30 interests and recency spread over days, accepted and pending friendships, interactions between
 * friends with some equal timestamps (ties broken by id), two deactivated agents.
 */
final class SmallGraph {
    /** The tables a load system reads or writes, copied to the single server. */
    static final List<String> TABLES =
            List.of("agent", "agent_handle", "friendship", "interaction", "interaction_inbox");

    /** Interests of the seeded agents: {@code [0, SEEDED_INTERESTS)}; tests' own agents use others. */
    static final int SEEDED_INTERESTS = 30;

    private SmallGraph() {}

    /**
     * Seeds the graph on the shards and copies it to the single server.
     *
     * @return the seeded agents' ids, in creation order
     */
    static List<Long> seed(
            ShardedDatabase db,
            FakeClock clock,
            List<PostgresServer> shards,
            PostgresServer single,
            int agents,
            long seed)
            throws SQLException, IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> ids = new ArrayList<>();
        try (SocialRepository social = SocialRepository.builder(db).clock(clock).build()) {
            for (int i = 0; i < agents; i++) {
                List<Integer> interests = new ArrayList<>();
                int count = i % 13 == 0 ? 0 : 1 + r.nextInt(5);
                for (int k = 0; k < count; k++) {
                    interests.add(r.nextInt(SEEDED_INTERESTS));
                }
                Personality p = Personality.values()[r.nextInt(Personality.values().length)];
                ids.add(social.createAgent(new NewAgent("seed" + i, "Seed " + i, p, interests, "bio " + i))
                        .id());
                if (i % 8 == 7) {
                    clock.advance(Duration.ofHours(7)); // spreads the recency term
                }
            }
            for (int i = 0; i < agents; i++) {
                int asks = 1 + r.nextInt(6);
                for (int k = 0; k < asks; k++) {
                    int j = r.nextInt(agents);
                    if (j == i) {
                        continue;
                    }
                    try {
                        social.requestFriendship(ids.get(i), ids.get(j));
                        if (r.nextInt(5) > 0) {
                            social.acceptFriendship(ids.get(j), ids.get(i));
                        }
                    } catch (SocialException alreadyRelated) {
                        // a pair asked twice: keep the first state
                    }
                }
            }
            for (int n = 0; n < 6 * agents; n++) {
                long a = ids.get(r.nextInt(agents));
                List<Friendship> friends =
                        social.friends(a, FriendOrder.STRENGTH, 100, null).items();
                if (friends.isEmpty()) {
                    continue;
                }
                long b = friends.get(r.nextInt(friends.size())).friendId();
                social.recordInteractionNow(a, b, InteractionType.MESSAGE, "message " + n);
                if (r.nextInt(3) == 0) {
                    clock.advanceMillis(1); // two in three share the previous one's time
                }
            }
            clock.advance(Duration.ofHours(1));
            social.deactivate(ids.get(5));
            social.deactivate(ids.get(17));
            if (!social.awaitConverged(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the seeded graph's outbox did not drain in 60 s");
            }
        }
        copy(shards, single);
        return ids;
    }

    /** Copies every shard's rows of {@link #TABLES} to the single server with {@code COPY} (binary). */
    static void copy(List<PostgresServer> shards, PostgresServer single) throws SQLException, IOException {
        try (Connection to = connect(single)) {
            for (String table : TABLES) {
                for (PostgresServer shard : shards) {
                    ByteArrayOutputStream rows = new ByteArrayOutputStream();
                    try (Connection from = connect(shard)) {
                        from.unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", rows);
                    }
                    to.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "COPY " + table + " FROM STDIN (FORMAT binary)",
                                    new ByteArrayInputStream(rows.toByteArray()));
                }
            }
        }
    }

    static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }
}
