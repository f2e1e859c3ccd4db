package org.shardkit.core.outbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.TestConfigs;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.LoggerFactory;

/**
 * What the outbox tests share: a database over the test kit's shards, table names of each test's
 * own, the table the recording handler appends to, and log capture.
 */
final class OutboxFixture {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private OutboxFixture() {}

    /**
     * Returns a database with one shard per test shard, pools of 6 that give up after 1 s, and a
     * breaker that never opens (a test that stops a server must not then wait out a real-time
     * open breaker).
     */
    static ShardedDatabase database(ShardServersExtension servers) {
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .breaker(BreakerConfig.builder()
                        .slidingWindowSize(BreakerConfig.MAX_SLIDING_WINDOW_SIZE)
                        .minimumCalls(BreakerConfig.MAX_SLIDING_WINDOW_SIZE)
                        .build());
        PoolConfig pool = PoolConfig.builder()
                .maximumSize(6)
                .minimumIdle(0)
                .connectionTimeout(Duration.ofSeconds(1))
                .build();
        TestConfigs.withShards(b, servers.shards(), pool);
        return ShardedDatabase.create(b.build());
    }

    /** Returns a table name no other test of this JVM uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    /** Returns a key that routes to the shard. */
    static ShardKey keyOn(ShardedDatabase db, int shard) {
        for (long k = 1; ; k++) {
            if (db.shardOf(ShardKey.of(k)).value() == shard) {
                return ShardKey.of(k);
            }
        }
    }

    /** Commits one message from {@code source} to {@code target} in a transaction of its own. */
    static void send(ShardedDatabase db, Outbox outbox, int source, int target, String kind, String payload) {
        db.useTransaction(
                keyOn(db, source), h -> outbox.enqueue(h, ShardId.of(source), ShardId.of(target), kind, payload));
    }

    /**
     * Creates on every shard a table the recording handler appends to: {@code seq} in the order
     * the handler's transactions inserted, one row per application of a message.
     */
    static void createAppliedTable(ShardedDatabase db, String table) {
        for (ShardId shard : db.shardIds()) {
            db.useShard(
                    keyOn(db, shard.value()),
                    h -> h.execute("CREATE TABLE " + table + " (seq bigserial PRIMARY KEY, source int NOT NULL,"
                            + " message_id bigint NOT NULL, payload text NOT NULL)"));
        }
    }

    /** Returns a handler that appends each message it is given to the table on its target. */
    static OutboxHandler recording(String table) {
        return (h, m) -> h.execute(
                "INSERT INTO " + table + " (source, message_id, payload) VALUES (?, ?, ?)",
                m.source().value(),
                m.id(),
                m.payload());
    }

    /** Returns the payloads the recording handler applied on a shard from a source, in the order applied. */
    static List<String> appliedOn(ShardedDatabase db, int shard, String table, int source) {
        return db.withShardId(
                ShardId.of(shard),
                h -> h.select("SELECT payload FROM " + table + " WHERE source = ? ORDER BY seq", source)
                        .mapTo(String.class)
                        .list());
    }

    /** Returns an outbox row's attempts and last error, as {@code "<attempts>: <last_error>"}. */
    static String attemptsOf(ShardedDatabase db, int shard, String outboxTable, String payload) {
        return db.withShardId(
                ShardId.of(shard),
                h -> h.select(
                                "SELECT attempts || ': ' || coalesce(last_error, '') FROM " + outboxTable
                                        + " WHERE payload = ?",
                                payload)
                        .mapTo(String.class)
                        .one());
    }

    /** Starts capturing what the outbox logs. */
    static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(Outbox.class)).addAppender(appender);
        return appender;
    }

    /** Stops capturing. */
    static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(Outbox.class)).detachAppender(appender);
    }
}
