package org.shardkit.benchmarks.load.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.shardkit.benchmarks.load.LoadSystem;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.examples.data.BulkSeeder;
import org.shardkit.examples.data.GraphSpec;
import org.shardkit.examples.data.SeedTarget;
import org.shardkit.examples.data.SocialGraph;
import org.shardkit.routing.StrategyKind;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;

/**
 * The four load systems over the same data: 4 shards and 1 single server, embedded PostgreSQL. It
 * starts its own servers with {@link ShardCluster} rather than the JUnit extension because the
 * extension puts each class's tables in a schema of its own, and ShardingSphere binds unqualified
 * table names to {@code public}; here every table is in {@code public}, as the harness has them.
 * The data is the load harness's own generated graph ({@link BulkSeeder}, 400 agents, 4,000
 * interactions) seeded on the shards and on the single server, plus three deactivated agents. Every
 * system answers the same for the same agent, and every write lands with the repository's
 * invariants on each system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadSystemsIT {
    private static final int SHARDS = 4;
    private static final int AGENTS = 400;
    private static final int SAMPLE = 20;
    private static final FakeClock CLOCK = FakeClock.at(Instant.parse("2026-12-01T08:00:00Z"));

    @TempDir
    static Path journals;

    private static ShardCluster cluster;
    private static ShardkitConfig shards;
    private static ShardedDatabase db;
    private static PostgresServer singleServer;
    private static DataSource singleData;
    private static SocialGraph graph;
    /** Agents deactivated after seeding, through shardkit on the shards and through single on its server. */
    private static final List<Long> DEACTIVATED = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        cluster = ShardCluster.builder().shards(SHARDS + 1).start();
        List<PostgresServer> servers = cluster.servers();
        singleServer = servers.get(SHARDS);
        shards = config(servers.subList(0, SHARDS));
        db = ShardedDatabase.create(shards);
        SocialRepository.migrate(db);
        PGSimpleDataSource single = new PGSimpleDataSource();
        single.setURL(singleServer.jdbcUrl());
        single.setUser(singleServer.user());
        single.setPassword(singleServer.password());
        singleData = single;
        SocialRepository.migrate(singleData);
        graph = SocialGraph.generate(GraphSpec.defaults(AGENTS));
        // External servers (CI's second half) keep what an earlier run wrote: the seeder replaces it.
        BulkSeeder.builder(SeedTarget.sharded(db))
                .clock(CLOCK)
                .replaceExisting(true)
                .build()
                .seed(graph);
        BulkSeeder.builder(SeedTarget.single(singleData))
                .clock(CLOCK)
                .replaceExisting(true)
                .build()
                .seed(graph);
        // Hidden friendships on both sides (peer_active), applied by each side's own system; closing
        // shardkit lands its outbox before any system reads.
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 3; k++) {
            DEACTIVATED.add(graph.activeAgent(r));
        }
        for (String name : List.of(LoadSystems.SHARDKIT, LoadSystems.SINGLE)) {
            try (LoadSystem s = open(name)) {
                for (long agent : DEACTIVATED) {
                    s.deactivateAgent(agent);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ShardkitConfig config(List<PostgresServer> servers) {
        PoolConfig pool = PoolConfig.builder().maximumSize(4).minimumIdle(1).build();
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .topology(TopologyConfig.of(StrategyKind.MODULO))
                .idgen(IdGenConfig.builder().workerId(3).build())
                .startup(StartupMode.EAGER);
        for (PostgresServer s : servers) {
            b.shard(ShardConfig.builder(s.index(), "load_" + s.index(), endpoint(s))
                    .pool(pool)
                    .build());
        }
        return b.build();
    }

    private static EndpointConfig endpoint(PostgresServer s) {
        return EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password()));
    }

    private static LoadSystem open(String name) throws Exception {
        return switch (name) {
            case LoadSystems.SHARDKIT ->
                LoadSystems.shardkit(db, Files.createTempDirectory(journals, "journal"), CLOCK);
            case LoadSystems.NAIVE -> LoadSystems.naive(shards, db.ids()::nextId, CLOCK);
            case LoadSystems.SINGLE ->
                LoadSystems.single(endpoint(singleServer), shards.shard(0).pool(), SHARDS, db.ids()::nextId, CLOCK);
            case LoadSystems.SHARDINGSPHERE -> LoadSystems.shardingSphere(shards, db.ids()::nextId, CLOCK);
            default -> throw new IllegalArgumentException("no system " + name);
        };
    }

    @Test
    @Order(1)
    void reads_sampledAgents_everySystemAnswersAsShardkit() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        List<Long> sample = new ArrayList<>();
        while (sample.size() < SAMPLE) {
            // Mostly active agents (they have friends and feeds), some uniform ones.
            long id = sample.size() % 3 == 2 ? graph.randomAgent(r) : graph.activeAgent(r);
            if (!sample.contains(id)) {
                sample.add(id);
            }
        }
        int feeds = 0;
        int lists = 0;
        int matches = 0;
        List<LoadSystem> systems = new ArrayList<>();
        try {
            for (String name : LoadSystems.NAMES) {
                systems.add(open(name));
            }
            LoadSystem shardkit = systems.get(0);
            for (long agent : sample) {
                List<Long> feed = shardkit.feed(agent, 20);
                List<Long> shortFeed = shardkit.feed(agent, 3);
                List<Long> friends = shardkit.friendList(agent, 50);
                List<Long> fewFriends = shardkit.friendList(agent, 2);
                List<Long> compatible = shardkit.compatibleAgents(agent, 10);
                feeds += feed.isEmpty() ? 0 : 1;
                lists += friends.isEmpty() ? 0 : 1;
                matches += compatible.isEmpty() ? 0 : 1;
                for (LoadSystem other : systems.subList(1, systems.size())) {
                    String who = other.name() + ", agent " + agent;
                    assertThat(other.feed(agent, 20)).as("feed of %s", who).isEqualTo(feed);
                    assertThat(other.feed(agent, 3)).as("feed(3) of %s", who).isEqualTo(shortFeed);
                    assertThat(other.friendList(agent, 50))
                            .as("friends of %s", who)
                            .isEqualTo(friends);
                    assertThat(other.friendList(agent, 2))
                            .as("friends(2) of %s", who)
                            .isEqualTo(fewFriends);
                    assertThat(other.compatibleAgents(agent, 10))
                            .as("compatible agents of %s", who)
                            .isEqualTo(compatible);
                    assertThat(other.friendCount(agent))
                            .as("friend count of %s", who)
                            .isEqualTo(shardkit.friendCount(agent));
                    assertThat(other.friendships(agent, others(agent)))
                            .as("friendships of %s", who)
                            .isEqualTo(shardkit.friendships(agent, others(agent)));
                }
            }
        } finally {
            for (LoadSystem s : systems) {
                s.close();
            }
        }
        // The comparison means something only if the sample has feeds, friends and matches to compare.
        assertThat(feeds).as("sampled agents with a feed").isGreaterThanOrEqualTo(SAMPLE / 2);
        assertThat(lists).as("sampled agents with friends").isGreaterThanOrEqualTo(SAMPLE / 2);
        assertThat(matches).as("sampled agents with compatible agents").isGreaterThanOrEqualTo(SAMPLE / 2);
    }

    /**
     * Each system's writes, checked through a fresh instance of the same system after the first is
     * closed (shardkit's close lands its journaled interactions and outbox), and by reading its rows.
     * Each system's agents have interests of their own, so they never meet another system's.
     */
    @ParameterizedTest
    @ValueSource(strings = {LoadSystems.SHARDKIT, LoadSystems.NAIVE, LoadSystems.SINGLE, LoadSystems.SHARDINGSPHERE})
    @Order(2)
    void writes_eachSystem_landWithTheRepositorysInvariants(String name) throws Exception {
        int base = 1000 + 6 * LoadSystems.NAMES.indexOf(name);
        long a;
        long b;
        long c;
        long d;
        long e;
        try (LoadSystem s = open(name)) {
            a = s.createAgent(agent(name, "a", base, base + 1));
            b = s.createAgent(agent(name, "b", base, base + 2));
            c = s.createAgent(agent(name, "c", base));
            d = s.createAgent(agent(name, "d", base + 3));
            e = s.createAgent(agent(name, "e", base + 1));
            s.requestFriendship(a, b);
            s.acceptFriendship(b, a);
            s.requestFriendship(d, b);
            s.acceptFriendship(b, d);
            s.requestFriendship(a, d);
            s.acceptFriendship(d, a);
            s.removeFriend(a, d);
            s.recordInteraction(a, b, "hello");
            CLOCK.advanceMillis(1);
            s.recordInteraction(a, b, "again");
            s.updateAgent(a, "a new bio");
            s.requestFriendship(c, d);
            s.acceptFriendship(d, c);
            s.deactivateAgent(c);
        }
        try (LoadSystem s = open(name)) {
            assertThat(s.getAgent(a)).isTrue();
            assertThat(s.getAgent(c)).as("a deactivated agent still exists").isTrue();
            assertThat(s.getAgent(Long.MAX_VALUE - 1)).isFalse();
            assertThat(List.of(s.friendCount(a), s.friendCount(b), s.friendCount(d)))
                    .as("friend counts of a, b, d")
                    .containsExactly(1, 2, 1);
            // a's two messages made a-b the stronger edge: floor(20 ln 3) = 21 against 0.
            assertThat(s.friendList(b, 10)).containsExactly(a, d);
            assertThat(s.friendList(a, 10)).containsExactly(b);
            assertThat(s.friendList(d, 10)).as("c is deactivated, a removed").containsExactly(b);
            assertThat(s.friendships(a, List.of(b, c, d))).isEqualTo(1);
            List<Long> feed = s.feed(b, 10);
            assertThat(feed).hasSize(2);
            assertThat(s.feed(a, 10)).isEmpty();
            // b is a's friend (excluded), c is deactivated: e, sharing base + 1, is a match.
            // Seeded agents may share these rare interests too; among ours, only e qualifies for a.
            assertThat(s.compatibleAgents(a, 100)).contains(e).doesNotContain(a, b, c);
            assertThat(s.compatibleAgents(e, 100)).contains(a).doesNotContain(e);
            assertThat(probeLong(
                            name,
                            a,
                            "SELECT count(*) FROM interaction WHERE initiator_id = ? AND id = ANY(?)",
                            a,
                            feed))
                    .as("the feed's items are a's interactions")
                    .isEqualTo(2);
            assertThat(probeLong(name, b, "SELECT count(*) FROM interaction_inbox WHERE recipient_id = ?", b))
                    .as("inbox copies")
                    .isEqualTo(2);
            assertThat(probeLong(
                            name,
                            a,
                            "SELECT interaction_count FROM friendship WHERE agent_id = ? AND friend_id = ?",
                            a,
                            b))
                    .isEqualTo(2);
            assertThat(probeLong(
                            name,
                            b,
                            "SELECT interaction_count FROM friendship WHERE agent_id = ? AND friend_id = ?",
                            b,
                            a))
                    .isEqualTo(2);
            assertThat(probeLong(name, a, "SELECT count(*) FROM friendship WHERE agent_id = ? AND friend_id = ?", a, d))
                    .as("a removed d: no row on a's side")
                    .isZero();
            assertThat(probeLong(name, d, "SELECT count(*) FROM friendship WHERE agent_id = ? AND friend_id = ?", d, a))
                    .as("a removed d: no row on d's side")
                    .isZero();
            assertThat(probeLong(name, a, "SELECT count(*) FROM agent WHERE id = ? AND bio = 'a new bio'", a))
                    .isEqualTo(1);
            assertThat(probeLong(name, c, "SELECT count(*) FROM agent WHERE id = ? AND status = 'deactivated'", c))
                    .isEqualTo(1);
            String handle = "w_" + name + "_a";
            assertThat(probe(name, ShardKey.of(handle), "SELECT agent_id FROM agent_handle WHERE handle = ?", handle))
                    .as("a's handle row, on the shard of the handle's hash")
                    .isEqualTo(a);
        }
    }

    /** Up to 10 of the agent's seeded friends and 10 random agents, never itself: a LinkBench multiget. */
    private static List<Long> others(long agent) {
        int i = graph.agentIndex(agent);
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < Math.min(10, graph.friendCount(i)); k++) {
            out.add(graph.agentId(graph.friend(i, k)));
        }
        SplittableRandom r = new SplittableRandom(agent);
        for (int k = 0; k < 10; k++) {
            long other = graph.randomAgent(r);
            if (other != agent) {
                out.add(other);
            }
        }
        return out;
    }

    private static NewAgent agent(String system, String letter, int... interests) {
        List<Integer> list = new ArrayList<>();
        for (int i : interests) {
            list.add(i);
        }
        return new NewAgent("w_" + system + "_" + letter, system + " " + letter, Personality.HELPER, list, "");
    }

    /** Runs a count on the database that holds an agent's rows for the system: its shard, or the single server. */
    private static long probeLong(String system, long agent, String sql, Object... params) throws Exception {
        return probe(system, ShardKey.of(agent), sql, params);
    }

    /** Runs a one-number query on the system's database for a key: its shard, or the single server. */
    private static long probe(String system, ShardKey key, String sql, Object... params) throws Exception {
        Tx.Work<Long> work = c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    Object p = params[i];
                    if (p instanceof List<?> list) {
                        ps.setArray(i + 1, c.createArrayOf("int8", list.toArray()));
                    } else {
                        ps.setObject(i + 1, p);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            }
        };
        if (system.equals(LoadSystems.SINGLE)) {
            return Tx.autoCommit(singleData, work);
        }
        return db.withConnection(key, work::run);
    }
}
