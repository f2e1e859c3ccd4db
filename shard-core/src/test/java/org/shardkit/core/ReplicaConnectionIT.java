package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.StartupMode;
import org.shardkit.testing.ShardServersExtension;

/** {@link ShardedDatabase#withReadOnlyConnection} on a shard with replicas: weights, scopes, fallback. */
class ReplicaConnectionIT {

    @RegisterExtension
    static final ShardServersExtension primaries =
            ShardServersExtension.builder().shards(3).build();

    /** Replica stand-ins that refuse writes, so a write routed to one fails loudly. */
    @RegisterExtension
    static final ShardServersExtension replicas = ShardServersExtension.builder()
            .shards(2)
            .serverSetting("default_transaction_read_only", "on")
            .build();

    private final AtomicLong fakeNanos = new AtomicLong();
    private ShardedDatabase db;

    @BeforeEach
    void setUp() {
        db = ShardedDatabase.builder(TestConfigs.withReplicasOnShard0(primaries, replicas, StartupMode.EAGER))
                .nanoTicker(fakeNanos::get)
                .build();
        TestConfigs.freshAgentTables(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private long keyOnShard(int shard, long from) {
        return TestConfigs.keyOnShard(db, shard, from);
    }

    @Test
    void withReadOnlyConnection_goesToReplicasByWeight_andAWriteThereFailsLoudly() {
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int r0 = replicas.shard(0).server().port();
        int r1 = replicas.shard(1).server().port();
        Map<Integer, Integer> hits = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            hits.merge(db.withReadOnlyConnection(key, ConnectionAccessIT::port), 1, Integer::sum);
        }
        assertThat(hits).containsOnlyKeys(r0, r1);
        assertThat(hits.get(r0)).isEqualTo(200);
        assertThat(hits.get(r1)).isEqualTo(100);

        assertThatThrownBy(() -> db.withReadOnlyConnection(key, c -> {
                    try (Statement st = c.createStatement()) {
                        return st.executeUpdate("CREATE TABLE nope (v int)");
                    }
                }))
                .isInstanceOf(ShardQueryException.class)
                .hasMessageStartingWith("statement failed on shard 0 (social_0) [SQLState 25006]");
    }

    @Test
    void withReadOnlyConnection_afterAWriteInAReadYourWritesScope_goesToThePrimary() {
        long id = keyOnShard(0, 1);
        ShardKey key = ShardKey.of(id);
        int primary = primaries.shard(0).server().port();

        try (ReadYourWritesScope scope = db.readYourWrites()) {
            assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                    .as("nothing written yet")
                    .isNotEqualTo(primary);
            db.useConnection(key, c -> ConnectionAccessIT.insert(c, id, "mine"));
            assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isEqualTo(primary);
            assertThat(scope.writtenShards()).containsExactly(0);
        }
    }

    @Test
    void withReadOnlyConnection_fallsBackToThePrimary_whenTheReplicasAreDown() {
        replicas.assumeRestartableServers();
        ShardKey key = ShardKey.of(keyOnShard(0, 1));
        int primary = primaries.shard(0).server().port();
        // Pooled connections to the replicas exist before they stop: the loss is found mid-way.
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isNotEqualTo(primary);
        replicas.shard(0).stopServer();
        replicas.shard(1).stopServer();

        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port)).isEqualTo(primary);
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                .as("both replicas are skipped now")
                .isEqualTo(primary);

        replicas.shard(0).startServer();
        replicas.shard(1).startServer();
        fakeNanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(db.withReadOnlyConnection(key, ConnectionAccessIT::port))
                .isIn(
                        replicas.shard(0).server().port(),
                        replicas.shard(1).server().port());
    }
}
