package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.testing.FakeClock;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestRedis;

/** {@link ShardedDatabase#ids()} is the generator the idgen section describes, held for the database's life. */
class DatabaseIdsIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).redis().build();

    private static ShardkitConfig config(IdGenConfig idgen) {
        return TestConfigs.withShards(
                        ShardkitConfig.builder().idgen(idgen),
                        servers.shards(),
                        TestConfigs.pool(2, Duration.ofSeconds(1)))
                .build();
    }

    @Test
    void staticSource_usesTheConfiguredWorkerIdAndEpoch() {
        Instant epoch = Instant.parse("2025-06-01T00:00:00Z");
        try (ShardedDatabase db = ShardedDatabase.create(
                config(IdGenConfig.builder().epoch(epoch).workerId(7).build()))) {
            long id = db.ids().nextId();

            assertThat(db.ids().workerId()).isEqualTo(7);
            assertThat(db.ids().decode(id).workerId()).isEqualTo(7);
            assertThat(db.ids().layout().epoch()).isEqualTo(epoch);
        }
    }

    @Test
    void postgresSource_leasesDistinctWorkerIdsOnShard0_andReleasesThemAtClose() {
        IdGenConfig idgen = IdGenConfig.builder()
                .source(IdGenConfig.Source.POSTGRES)
                .table("ids_lease_test")
                .build();
        Set<Long> ids = new HashSet<>();
        long firstWorker;
        try (ShardedDatabase one = ShardedDatabase.create(config(idgen));
                ShardedDatabase two = ShardedDatabase.create(config(idgen))) {
            firstWorker = one.ids().workerId();
            assertThat(two.ids().workerId()).isNotEqualTo(firstWorker);
            for (int i = 0; i < 10_000; i++) {
                ids.add(one.ids().nextId());
                ids.add(two.ids().nextId());
            }
            assertThat(ids).hasSize(20_000);
            Integer held = one.withShardId(
                    ShardId.of(0),
                    h -> h.createQuery("SELECT count(*) FROM ids_lease_test WHERE owner IS NOT NULL")
                            .mapTo(Integer.class)
                            .one());
            assertThat(held).isEqualTo(2);
        }
        try (ShardedDatabase after = ShardedDatabase.create(config(idgen))) {
            Integer held = after.withShardId(
                    ShardId.of(0),
                    h -> h.createQuery("SELECT count(*) FROM ids_lease_test WHERE owner IS NOT NULL")
                            .mapTo(Integer.class)
                            .one());
            assertThat(held).as("the two closed databases released theirs").isEqualTo(1);
            assertThat(after.ids().workerId()).isEqualTo(firstWorker);
        }
    }

    @Test
    void redisSource_leasesFromRedis_andDatabasesSharingThePrefixGetDistinctIds() {
        TestRedis redis = servers.redis();
        IdGenConfig.Builder b = IdGenConfig.builder()
                .source(IdGenConfig.Source.REDIS)
                .redis(URI.create("redis://" + redis.host() + ":" + redis.port()))
                .keyPrefix(redis.keyPrefix() + "idgen:");
        if (!redis.password().isEmpty()) {
            b.redisPassword(Secret.of(redis.password()));
        }
        IdGenConfig idgen = b.build();
        try (ShardedDatabase one = ShardedDatabase.create(config(idgen));
                ShardedDatabase two = ShardedDatabase.create(config(idgen))) {
            IdGenerator a = one.ids();
            IdGenerator c = two.ids();

            assertThat(a.workerId()).isNotEqualTo(c.workerId());
            assertThat(a.nextId()).isNotEqualTo(c.nextId());
        }
    }

    @Test
    void missingOptionalDependency_saysWhatToAdd() {
        assertThatThrownBy(() -> WorkerIds.requireClass(
                        "redis.clients.jedis.NoSuchClass", "idgen.workerId.source is redis", "redis.clients:jedis"))
                .isInstanceOf(ShardkitException.class)
                .hasMessageStartingWith(
                        "idgen.workerId.source is redis, but redis.clients:jedis is not on the class path")
                .hasMessageContaining("add it to the application's dependencies");
        // And the real class is found, so this check does not refuse a working setup.
        WorkerIds.requireClass(WorkerIds.JEDIS_CLASS, "idgen.workerId.source is redis", "redis.clients:jedis");
    }

    @Test
    void noWorkerIdConfigured_idsRefuses_ratherThanEveryProcessBeingWorker0() {
        try (ShardedDatabase db = ShardedDatabase.create(config(IdGenConfig.defaults()))) {
            assertThatThrownBy(db::ids)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ShardedDatabase.ids() needs a worker id: set idgen.workerId");
            // The rest of the database works without one.
            Integer one = db.withShardId(
                    ShardId.of(0),
                    h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).isEqualTo(1);
        }
    }

    @Test
    void clock_isTheGeneratorsClock() {
        FakeClock clock = FakeClock.at(Instant.parse("2026-06-01T00:00:00Z"));
        try (ShardedDatabase db = ShardedDatabase.builder(
                        config(IdGenConfig.builder().workerId(3).build()))
                .clock(clock)
                .build()) {
            long id = db.ids().nextId();

            assertThat(db.ids().decode(id).timestamp()).isEqualTo(clock.instant());
        }
    }

    @Test
    void epochInTheFuture_failsTheStart() {
        IdGenConfig future = IdGenConfig.builder()
                .epoch(Instant.now().plus(Duration.ofDays(365)))
                .workerId(1)
                .build();

        assertThatThrownBy(() -> ShardedDatabase.create(config(future)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("epoch must not be in the future");
    }
}
