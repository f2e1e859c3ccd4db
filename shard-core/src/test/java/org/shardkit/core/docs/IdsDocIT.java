package org.shardkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.TestConfigs;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.idgen.PostgresWorkerIdAssigner;
import org.shardkit.core.idgen.RedisWorkerIdAssigner;
import org.shardkit.idgen.ClockMovedBackwardsException;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.idgen.IdLayout;
import org.shardkit.idgen.IdParts;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The snippets of {@code docs/ids.md}, the leases against a real PostgreSQL and a real Redis. */
class IdsDocIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).redis().build();

    @Test
    void generator_issuesAndDecodes() {
        // snippet: generator
        IdGenerator ids = IdGenerator.builder().workerId(7).build();
        long id = ids.nextId();
        IdParts parts = ids.decode(id); // the millisecond, worker 7, the sequence
        // end snippet
        assertThat(parts.workerId()).isEqualTo(7);
        assertThat(parts.timestamp()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void layout_ofOtherBits() {
        // snippet: layout
        IdLayout layout = IdLayout.of(41, 8, 14, Instant.parse("2025-06-01T00:00:00Z")); // 41 + 8 + 14 = 63
        IdGenerator ids = IdGenerator.builder().layout(layout).workerId(200).build();
        // end snippet
        assertThat(layout.maxWorkerId()).isEqualTo(255);
        assertThat(layout.maxSequence()).isEqualTo(16_383);
        assertThat(ids.decode(ids.nextId()).workerId()).isEqualTo(200);
        assertThatThrownBy(() -> IdLayout.of(41, 10, 13, IdLayout.DEFAULT_EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestampBits + workerBits + sequenceBits must be 63, but was 41 + 10 + 13 = 64");
    }

    @Test
    void fakeClock_andWaitStrategy_makeTimeATestsOwn() {
        // snippet: fake-clock
        FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        IdGenerator ids = IdGenerator.builder()
                .workerId(1)
                .clock(clock)
                .waitStrategy((nowMillis, untilMillis) -> clock.advanceTo(untilMillis)) // no real waiting
                .backwardsTolerance(Duration.ofMillis(5))
                .build();
        // end snippet
        long first = clock.millis();
        for (int i = 0; i < 10_000; i++) { // more than one millisecond's 4,096 IDs: the generator waits
            ids.nextId();
        }
        assertThat(clock.millis()).as("the wait strategy moved the clock").isGreaterThan(first);
        clock.set(clock.instant().minusMillis(20));
        assertThatThrownBy(ids::nextId).isInstanceOf(ClockMovedBackwardsException.class);
    }

    @Test
    void postgresLease_fromATable() throws SQLException {
        DataSource dataSource = servers.shard(0).dataSource();
        // snippet: postgres-lease
        try (PostgresWorkerIdAssigner assigner = PostgresWorkerIdAssigner.builder(dataSource, "shardkit_worker_id")
                        .leaseTtl(Duration.ofSeconds(30))
                        .renewInterval(Duration.ofSeconds(10))
                        .safetyMargin(Duration.ofSeconds(5))
                        .owner("feed-service-7")
                        .build();
                IdGenerator ids =
                        IdGenerator.builder().workerIdAssigner(assigner).build()) {
            long id = ids.nextId();
        }
        // end snippet
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*), count(*) FILTER (WHERE last_timestamp IS NOT NULL) FROM shardkit_worker_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("a row per worker id").isEqualTo(1024);
            assertThat(rs.getInt(2))
                    .as("the released lease kept its last timestamp")
                    .isEqualTo(1);
        }
    }

    @Test
    void redisLease_underAPrefix() {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder();
        if (!servers.redis().password().isEmpty()) {
            client.password(servers.redis().password());
        }
        HostAndPort redisAt =
                new HostAndPort(servers.redis().host(), servers.redis().port());
        String prefix = servers.redis().keyPrefix() + "idgen:";
        // snippet: redis-lease
        try (JedisPooled redis = new JedisPooled(redisAt, client.build());
                RedisWorkerIdAssigner assigner =
                        RedisWorkerIdAssigner.builder(redis, prefix).build(); // defaults: 30 s, 10 s, 5 s
                IdGenerator ids =
                        IdGenerator.builder().workerIdAssigner(assigner).build()) {
            long id = ids.nextId(); // leased as the key <prefix>worker:<ids.workerId()>
        }
        // end snippet
        try (JedisPooled redis = new JedisPooled(redisAt, client.build())) {
            assertThat(redis.exists(prefix + "worker:0")).as("released").isFalse();
            assertThat(redis.exists(prefix + "worker:0:last"))
                    .as("its last timestamp")
                    .isTrue();
        }
    }

    @Test
    void database_givesTheGeneratorOfItsConfig() {
        ShardkitConfig config = TestConfigs.withShards(
                        ShardkitConfig.builder()
                                .idgen(org.shardkit.core.config.IdGenConfig.builder()
                                        .workerId(7)
                                        .build()),
                        servers.shards(),
                        TestConfigs.pool(2, Duration.ofSeconds(2)))
                .build();
        // snippet: database-ids
        try (ShardedDatabase db = ShardedDatabase.create(config)) { // idgen.workerId set in the config
            long agentId = db.ids().nextId();
        }
        // end snippet
    }

    @Test
    void yamlBlocks_read() {
        for (String yaml : DocSnippets.blocks("ids.md", "yaml")) {
            assertThat(ShardkitConfig.fromYaml(DocSnippets.withOneShard(yaml), Map.of("REDIS_PASSWORD", "x"))
                            .idgen())
                    .as(yaml)
                    .isNotNull();
        }
        assertThat(DocSnippets.blocks("ids.md", "yaml")).isNotEmpty();
    }

    @Test
    void page_matchesItsSnippets() {
        DocSnippets.assertPageMatches("ids.md", IdsDocIT.class);
    }
}
