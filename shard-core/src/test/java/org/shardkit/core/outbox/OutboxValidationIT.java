package org.shardkit.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shardkit.core.outbox.OutboxFixture.keyOn;

import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.UnknownShardException;
import org.shardkit.testing.ShardServersExtension;

/** Every bad argument is refused at once, naming itself; so is a write outside a transaction. */
class OutboxValidationIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private static final OutboxHandler NOTHING = (h, m) -> {};
    private static final ShardId S0 = ShardId.of(0);
    private static final ShardId S1 = ShardId.of(1);

    private static ShardedDatabase db;
    private static Outbox outbox;

    @BeforeAll
    static void open() {
        db = OutboxFixture.database(servers);
        outbox = Outbox.builder(db)
                .table(OutboxFixture.uniqueName("outbox"))
                .handler("k", NOTHING)
                .build();
    }

    @AfterAll
    static void closeAll() {
        outbox.close();
        db.close();
    }

    /** Runs the enqueue in a transaction on shard 0, which rolls back when the enqueue throws. */
    private static void inRolledBackTransaction(EnqueueCall call) {
        db.useTransaction(keyOn(db, 0), call::enqueue);
    }

    @FunctionalInterface
    private interface EnqueueCall {
        void enqueue(Handle h);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void enqueue_nullOrBlankArguments_nameTheParameter() {
        assertThatThrownBy(() -> outbox.enqueue(null, S0, S1, "k", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sourceTransaction must not be null");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, null, S1, "k", "p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source must not be null");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, null, "k", "p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must not be null");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, S1, null, "p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind must not be null");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, S1, " ", "p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind must not be blank, but was ' '");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, S1, "k", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload must not be blank, but was ''");
    }

    @Test
    void enqueue_kindWithoutHandler_namesTheKind() {
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, S1, "friend.typo", "p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind has no handler registered, but was 'friend.typo' (registered: [k])");
    }

    @Test
    void enqueue_unknownShard_isTheDatabasesUnknownShardException() {
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, S0, ShardId.of(7), "k", "p")))
                .isInstanceOfSatisfying(
                        UnknownShardException.class,
                        e -> assertThat(e.shardId()).isEqualTo(ShardId.of(7)))
                .hasMessageContaining("shard 7");
        assertThatThrownBy(() -> inRolledBackTransaction(h -> outbox.enqueue(h, ShardId.of(2), S1, "k", "p")))
                .isInstanceOfSatisfying(
                        UnknownShardException.class,
                        e -> assertThat(e.shardId()).isEqualTo(ShardId.of(2)));
    }

    @Test
    void enqueue_outsideATransaction_isRefused_andWritesNothing() {
        long before = outbox.pending();

        assertThatThrownBy(() -> db.useShard(keyOn(db, 0), h -> outbox.enqueue(h, S0, S1, "k", "p")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs the caller's open transaction on shard 0")
                .hasMessageContaining("lost");
        assertThat(outbox.pending()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void builder_badSettings_areRefusedAtOnce_namingTheValue() {
        Outbox.Builder b = Outbox.builder(db);
        assertThatThrownBy(() -> Outbox.builder(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("db must not be null");
        assertThatThrownBy(() -> b.handler("", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind must not be blank, but was ''");
        assertThatThrownBy(() -> b.handler("k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler must not be null");
        assertThatThrownBy(() -> b.pollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pollInterval must be at least 1 ms, but was PT0S");
        assertThatThrownBy(() -> b.batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be in [1, 10000], but was 0");
        assertThatThrownBy(() -> b.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max backoff must be at least the initial backoff (PT2S), but was PT1S");
        assertThatThrownBy(() -> b.table("Outbox; DROP TABLE agent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was Outbox; DROP TABLE agent");
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no handler registered");
    }

    @Test
    void builder_settingTwice_isRefused_namingBothValues() {
        Outbox.Builder b = Outbox.builder(db).handler("k", NOTHING).pollInterval(Duration.ofMillis(100));

        assertThatThrownBy(() -> b.handler("k", NOTHING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a handler for kind 'k' is registered already");
        assertThatThrownBy(() -> b.pollInterval(Duration.ofMillis(200)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pollInterval was already set to PT0.1S, cannot set it to PT0.2S");
    }
}
