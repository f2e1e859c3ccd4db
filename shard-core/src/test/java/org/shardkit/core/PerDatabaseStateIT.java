package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;

/**
 * Transaction pinning and read-your-writes scopes belong to the database that opened them: two
 * databases used on one thread never see each other's.
 */
class PerDatabaseStateIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private ShardedDatabase a;
    private ShardedDatabase b;

    @BeforeEach
    void setUp() {
        ShardkitConfig config = TestConfigs.withShards(
                        ShardkitConfig.builder(), servers.shards(), TestConfigs.pool(4, Duration.ofMillis(500)))
                .build();
        a = ShardedDatabase.create(config);
        b = ShardedDatabase.create(config);
        TestConfigs.freshAgentTables(a);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    @Test
    void transactionOnOneDatabase_doesNotCaptureCallsOnAnother_onTheSameThread() {
        long onShard0 = TestConfigs.keyOnShard(a, 0, 1);
        long onShard1 = TestConfigs.keyOnShard(a, 1, 1);

        a.useTransaction(ShardKey.of(onShard0), h -> {
            h.execute("INSERT INTO agent (id, name) VALUES (?, 'uncommitted')", onShard0);
            // Another shard through another database: not part of a's transaction, so not refused.
            b.useShard(
                    ShardKey.of(onShard1), h2 -> h2.execute("INSERT INTO agent (id, name) VALUES (?, 'b')", onShard1));
            // The same shard through another database: its own connection, so a's write is not seen yet.
            Integer seen = b.withShard(
                    ShardKey.of(onShard0),
                    h2 -> h2.createQuery("SELECT count(*) FROM agent WHERE id = :id")
                            .bind("id", onShard0)
                            .mapTo(Integer.class)
                            .one());
            assertThat(seen).isZero();
            // And a's own call on the same shard joins a's transaction and sees it.
            Integer own = a.withShard(
                    ShardKey.of(onShard0),
                    h2 -> h2.createQuery("SELECT count(*) FROM agent WHERE id = :id")
                            .bind("id", onShard0)
                            .mapTo(Integer.class)
                            .one());
            assertThat(own).isEqualTo(1);
        });

        String written = b.withShard(
                ShardKey.of(onShard1),
                h -> h.createQuery("SELECT name FROM agent WHERE id = :id")
                        .bind("id", onShard1)
                        .mapTo(String.class)
                        .one());
        assertThat(written).isEqualTo("b");
    }

    @Test
    void scatterOnAnotherDatabase_insideATransaction_runs() {
        long onShard0 = TestConfigs.keyOnShard(a, 0, 1);

        Integer shards = a.inTransaction(
                ShardKey.of(onShard0),
                h -> b.scatter(org.shardkit.core.scatter.ScatterRequest.allShards(), (shard, h2) -> 1)
                        .requireComplete()
                        .size());

        assertThat(shards).isEqualTo(2);
    }

    @Test
    void readYourWritesScope_countsOnlyItsOwnDatabasesWrites() {
        long onShard1 = TestConfigs.keyOnShard(a, 1, 1);

        try (ReadYourWritesScope scope = a.readYourWrites()) {
            b.useShard(ShardKey.of(onShard1), h -> h.execute("INSERT INTO agent (id, name) VALUES (?, 'b')", onShard1));
            assertThat(scope.writtenShards()).isEmpty();
            a.useShard(ShardKey.of(onShard1), h -> h.execute("UPDATE agent SET name = 'a' WHERE id = ?", onShard1));
            assertThat(scope.writtenShards()).containsExactly(ShardId.of(1));
        }
    }
}
