package org.shardkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** The snippets of {@code docs/testing.md}: the test kit as a user's test class meets it. */
class TestingDocIT {

    // snippet: extension
    @RegisterExtension
    static final ShardServersExtension servers = ShardServersExtension.builder()
            .shards(2) // two PostgreSQL servers
            .redis() // and one Redis
            .serverSetting("max_prepared_transactions", "4") // passed to each embedded server
            .build();
    // end snippet

    // snippet: replicas
    /** Other settings, other servers: read-only stand-ins for replicas. */
    @RegisterExtension
    static final ShardServersExtension replicas = ShardServersExtension.builder()
            .shards(1)
            .serverSetting("default_transaction_read_only", "on")
            .build();
    // end snippet

    private static ShardkitConfig config() {
        // snippet: config
        ShardkitConfig.Builder config = ShardkitConfig.builder();
        for (TestShard s : servers.shards()) {
            EndpointConfig endpoint = EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password()));
            config.shard(ShardConfig.of(s.index(), "test_" + s.index(), endpoint));
        }
        // end snippet
        return config.build();
    }

    @Test
    void shardsAndTheirSchemas() throws SQLException {
        // snippet: schema
        TestShard shard = servers.shard(0);
        String schema = shard.schema(); // sk_testingdocit_<random>: this class's own, dropped after it
        try (Connection c = shard.dataSource().getConnection(); // no pool: a new connection each call
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE agent (id bigint PRIMARY KEY)"); // lands in the class's schema
        }
        // end snippet
        assertThat(schema).startsWith("sk_testingdocit_");
        try (Connection c = shard.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_schema FROM information_schema.tables WHERE table_name = 'agent'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(schema);
        }
        assertThat(replicas.shard(0).server().port())
                .as("other settings, another server")
                .isNotIn(
                        servers.shard(0).server().port(),
                        servers.shard(1).server().port());
    }

    @Test
    void stoppedShard_isUnreachable_untilStartedAgain() {
        try (ShardedDatabase db = ShardedDatabase.create(config())) {
            // snippet: stop-shard
            servers.assumeRestartableServers(); // skips the test in external and Docker mode
            servers.shard(1).stopServer(); // the process stops; its data stays
            assertThat(db.health(ShardId.of(1)).reachable()).isFalse();
            servers.shard(1).startServer(); // same port, same data; else the extension restarts it after the test
            // end snippet
            // A connection the pool held across the stop may fail one probe before it is evicted.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            boolean reachable = db.health(ShardId.of(1)).reachable();
            while (!reachable && System.nanoTime() < deadline) {
                reachable = db.health(ShardId.of(1)).reachable();
            }
            assertThat(reachable)
                    .as("shard 1 reachable within 10 s of its restart")
                    .isTrue();
        }
    }

    @Test
    void stoppedRedis_refusesConnections_untilStartedAgain() {
        // snippet: stop-redis
        servers.redis().stopServer(); // skips the test where Redis cannot be stopped
        // ... the code under test runs without Redis ...
        servers.redis().startServer();
        // end snippet
        assertThat(connects(servers.redis().host(), servers.redis().port())).isTrue();
        servers.redis().stopServer();
        assertThat(connects(servers.redis().host(), servers.redis().port())).isFalse();
        servers.redis().startServer();
        assertThat(servers.redis().keyPrefix()).startsWith("sk_testingdocit_").endsWith(":");
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void fakeClock_drivesTheDatabasesTickerAndClock() {
        // snippet: fake-clock
        FakeClock clock = FakeClock.at(Instant.parse("2026-03-01T12:00:00Z"));
        try (ShardedDatabase db = ShardedDatabase.builder(config())
                .nanoTicker(clock::nanoTime) // scatter deadlines, breaker and replica cool-downs
                .clock(clock) // db.ids()
                .build()) {
            clock.advance(Duration.ofSeconds(6)); // past replicaRetryAfter (5 s), without waiting
        }
        // end snippet
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T12:00:06Z"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterOutsideJUnit() {
        // snippet: cluster
        try (ShardCluster cluster = ShardCluster.builder().shards(1).start()) { // mode from the environment
            String url = cluster.server(0).jdbcUrl(); // stopped and deleted by close()
        }
        // end snippet
    }

    @Test
    void page_matchesItsSnippets() {
        DocSnippets.assertPageMatches("testing.md", TestingDocIT.class);
    }
}
