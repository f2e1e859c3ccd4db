package org.shardkit.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardQueryException;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.TestConfigs;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;

/** The batch writer over four real shards: grouping, idempotence, age, splitting, retries, closing. */
class BatchWriterIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(4).build();

    private static final AtomicLong IDS = new AtomicLong(1);

    /** A row of the test table. */
    record Event(long id, long agent, String body, Instant at) {}

    private ShardedDatabase db;

    @BeforeEach
    void open() {
        ShardkitConfig config = TestConfigs.withShards(
                        ShardkitConfig.builder(), servers.shards(), TestConfigs.pool(4, Duration.ofSeconds(1)))
                .build();
        db = ShardedDatabase.create(config);
        for (ShardId s : db.shardIds()) {
            db.useShard(ShardKey.of(keyOn(s.value())), h -> {
                h.execute("DROP TABLE IF EXISTS event");
                h.execute("CREATE TABLE event (id bigint PRIMARY KEY, agent bigint NOT NULL,"
                        + " body text NOT NULL CHECK (body <> 'poison'), at timestamptz NOT NULL)");
            });
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    static BatchTable<Event> table(LoadMethod method) {
        return BatchTable.<Event>builder("event")
                .bigint("id", Event::id)
                .bigint("agent", Event::agent)
                .text("body", Event::body)
                .timestamptz("at", Event::at)
                .key("id")
                .method(method)
                .build();
    }

    private static Event event(long agent, String body) {
        return new Event(IDS.getAndIncrement(), agent, body, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private long keyOn(int shard) {
        return LongStream.iterate(shard, k -> k + 1)
                .filter(k -> db.shardOf(ShardKey.of(k)).value() == shard)
                .findFirst()
                .orElseThrow();
    }

    private long rows(int shard) {
        return db.withShard(
                ShardKey.of(keyOn(shard)),
                h -> h.createQuery("SELECT count(*) FROM event")
                        .mapTo(Long.class)
                        .one());
    }

    private List<Event> read(int shard) {
        return db.withShard(
                ShardKey.of(keyOn(shard)),
                h -> h.createQuery("SELECT id, agent, body, at FROM event ORDER BY id")
                        .map((rs, ctx) -> new Event(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
                        .list());
    }

    @ParameterizedTest
    @EnumSource(LoadMethod.class)
    void rows_landOnTheirKeysShards_exactlyOnce_textRoundTrips(LoadMethod method) {
        BatchConfig config = BatchConfig.builder()
                .maxBatchSize(100)
                .maxBatchAge(Duration.ofHours(1))
                .build();
        List<Event> written = new ArrayList<>();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        String[] bodies = {"plain", "tab\there", "line\nbreak\r\n", "back\\slash \\N", "quote ' \" ,", "日本語 🎉 \u200f"};
        try (BatchWriter<Event> writer = BatchWriter.builder(db, table(method))
                .name("events")
                .config(config)
                .build()) {
            for (int i = 0; i < 1_000; i++) {
                Event e = event(i, bodies[i % bodies.length] + i);
                written.add(e);
                futures.add(writer.write(ShardKey.of(e.agent()), e));
            }
            writer.flush().join();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }
        for (int s = 0; s < 4; s++) {
            int shard = s;
            List<Event> expected = written.stream()
                    .filter(e -> db.shardOf(ShardKey.of(e.agent())).value() == shard)
                    .toList();
            assertThat(read(s)).as("shard %d", s).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMethod.class)
    void load_skipsKeysAlreadyThere_andSaysWhichRowsWereNew(LoadMethod method) {
        BatchTable<Event> table = table(method);
        Event a = event(0, "a");
        Event b = event(0, "b");
        Event c = event(0, "c");
        ShardKey key = ShardKey.of(0);
        assertThat(loadCommitted(table, key, List.of(a, b))).hasToString("{0, 1}");
        Event bAgain = new Event(b.id(), b.agent(), "changed", b.at());
        assertThat(loadCommitted(table, key, List.of(a, c, bAgain, c)))
                .as("a and b were there; c is new once")
                .hasToString("{1}");
        assertThat(read(db.shardOf(key).value())).containsExactly(a, b, c);
    }

    private java.util.BitSet loadCommitted(BatchTable<Event> table, ShardKey key, List<Event> rows) {
        return db.withConnection(key, c -> {
            c.setAutoCommit(false);
            java.util.BitSet inserted = table.load(c, rows);
            c.commit();
            c.setAutoCommit(true);
            return inserted;
        });
    }

    @Test
    void aBatchBelowItsSize_isWrittenWhenItsOldestRowReachesTheAge() throws Exception {
        BatchConfig config = BatchConfig.builder()
                .maxBatchSize(1_000)
                .maxBatchAge(Duration.ofMillis(50))
                .build();
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.COPY)).config(config).build()) {
            CompletableFuture<Void> f = writer.write(ShardKey.of(7), event(7, "aged"));
            f.get(30, TimeUnit.SECONDS); // no flush() and far below the size: only the age writes it
            assertThat(rows(db.shardOf(ShardKey.of(7)).value())).isEqualTo(1);
        }
    }

    @Test
    void aRowTheDatabaseRefuses_failsAlone_theRestOfItsBatchCommits() {
        BatchConfig config = BatchConfig.builder()
                .maxBatchSize(64)
                .maxBatchAge(Duration.ofHours(1))
                .build();
        long agent = keyOn(2);
        List<CompletableFuture<Void>> good = new ArrayList<>();
        CompletableFuture<Void> bad;
        try (BatchWriter<Event> writer = BatchWriter.builder(db, table(LoadMethod.COPY))
                .name("poisoned")
                .config(config)
                .build()) {
            for (int i = 0; i < 40; i++) {
                good.add(writer.write(ShardKey.of(agent), event(agent, "fine " + i)));
            }
            bad = writer.write(ShardKey.of(agent), event(agent, "poison"));
            for (int i = 40; i < 63; i++) {
                good.add(writer.write(ShardKey.of(agent), event(agent, "fine " + i)));
            }
            writer.flush().join();
        }
        good.forEach(CompletableFuture::join);
        assertThat(rows(2)).isEqualTo(63);
        assertThatThrownBy(bad::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(BatchWriteException.class)
                .hasMessageStartingWith("shard 2 (social_2): 1 row of batch writer 'poisoned' not written")
                .hasMessageContaining("SQLState 23514")
                .satisfies(e -> {
                    BatchWriteException b = (BatchWriteException) e;
                    assertThat(b.reason()).isEqualTo(BatchWriteException.Reason.ROW_REJECTED);
                    assertThat(b.shardId()).isEqualTo(ShardId.of(2));
                    assertThat(b.getCause()).isInstanceOf(ShardQueryException.class);
                });
    }

    @Test
    void aTextWithNul_failsItsRowNamingTheColumn() {
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.COPY)).build()) {
            CompletableFuture<Void> ok = writer.write(ShardKey.of(1), event(1, "ok"));
            CompletableFuture<Void> nul = writer.write(ShardKey.of(1), event(1, "a\0b"));
            writer.flush().join();
            ok.join();
            assertThatThrownBy(nul::join)
                    .cause()
                    .isInstanceOf(BatchWriteException.class)
                    .hasMessageContaining("column body holds a NUL character (U+0000) at index 1");
        }
    }

    @Test
    void aTextWithALoneSurrogate_failsItsRowNamingTheColumn() {
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.COPY)).build()) {
            CompletableFuture<Void> lone = writer.write(ShardKey.of(1), event(1, "half \uD83D pair"));
            CompletableFuture<Void> pair = writer.write(ShardKey.of(1), event(1, "whole \uD83D\uDE00 pair"));
            writer.flush().join();
            pair.join();
            failure(lone, BatchWriteException.Reason.ROW_REJECTED)
                    .hasMessageContaining("column body holds a lone surrogate (U+D83D) at index 5");
        }
    }

    @Test
    void aFailureThatIsNotAboutTheRows_isRetriedWhole_neverBlamedOnThem() {
        BatchConfig config = BatchConfig.builder()
                .maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .build();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BatchSink<Event> standby = (c, shard, rows, refusals) -> {
            calls.incrementAndGet();
            throw new java.sql.SQLException("cannot execute COPY in a read-only transaction", "25006");
        };
        long agent = keyOn(2);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, standby).name("standby").config(config).build()) {
            for (int i = 0; i < 8; i++) {
                futures.add(writer.write(ShardKey.of(agent), event(agent, "row " + i)));
            }
            writer.flush();
            for (CompletableFuture<Void> f : futures) {
                failure(f, BatchWriteException.Reason.RETRIES_EXHAUSTED)
                        .hasMessageStartingWith("shard 2 (social_2): 8 rows of batch writer 'standby' not written after"
                                + " 3 attempts")
                        .hasMessageContaining("SQLState 25006");
            }
        }
        assertThat(calls).as("three whole attempts, no split into single rows").hasValue(3);
        assertThat(BatchWriteException.mayPass(new CompletionException(
                        new ShardQueryException(ShardId.of(2), "social_2", new java.sql.SQLException("x", "25006")))))
                .isTrue();
        assertThat(BatchWriteException.mayPass(
                        new ShardQueryException(ShardId.of(2), "social_2", new java.sql.SQLException("x", "23514"))))
                .isFalse();
    }

    @Test
    void refusedRows_failWithTheSinksReason_theOthersCommit() {
        BatchTable<Event> table = table(LoadMethod.COPY);
        BatchSink<Event> oddRefused = (c, shard, rows, refusals) -> {
            List<Event> kept = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).body().startsWith("odd")) {
                    refusals.refuse(
                            i,
                            new IllegalStateException(
                                    "odd rows are refused: " + rows.get(i).id()));
                } else {
                    kept.add(rows.get(i));
                }
            }
            if (!kept.isEmpty()) {
                table.load(c, kept);
            }
        };
        long agent = keyOn(3);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (BatchWriter<Event> writer = BatchWriter.builder(db, oddRefused).build()) {
            for (int i = 0; i < 10; i++) {
                futures.add(writer.write(ShardKey.of(agent), event(agent, (i % 2 == 1 ? "odd " : "even ") + i)));
            }
            writer.flush().join();
        }
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 1) {
                assertThatThrownBy(futures.get(i)::join).cause().hasMessageStartingWith("odd rows are refused");
            } else {
                futures.get(i).join();
            }
        }
        assertThat(rows(3)).isEqualTo(5);
    }

    @Test
    void aStoppedShard_holdsBackOnlyItsRows_whichLandAfterItReturns() throws Exception {
        servers.assumeRestartableServers();
        BatchConfig config = BatchConfig.builder()
                .maxBatchSize(10)
                .maxBatchAge(Duration.ofMillis(20))
                .maxAttempts(1000)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .build();
        long dead = keyOn(1);
        long alive = keyOn(0);
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.COPY)).config(config).build()) {
            servers.shard(1).stopServer();
            List<CompletableFuture<Void>> held = new ArrayList<>();
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                held.add(writer.write(ShardKey.of(dead), event(dead, "held " + i)));
                others.add(writer.write(ShardKey.of(alive), event(alive, "other " + i)));
            }
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(rows(0)).isEqualTo(25);
            assertThat(held).noneMatch(CompletableFuture::isDone);

            servers.shard(1).startServer();
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(rows(1)).isEqualTo(25);
        }
    }

    @Test
    void afterTheRetryBudget_theBatchsRowsFail_namingTheShardAndTheCount() throws Exception {
        servers.assumeRestartableServers();
        BatchConfig config = BatchConfig.builder()
                .maxAttempts(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(10))
                .build();
        long dead = keyOn(1);
        servers.shard(1).stopServer();
        try (BatchWriter<Event> writer = BatchWriter.builder(db, table(LoadMethod.COPY))
                .name("budget")
                .config(config)
                .build()) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                futures.add(writer.write(ShardKey.of(dead), event(dead, "lost? no: failed " + i)));
            }
            writer.flush();
            for (CompletableFuture<Void> f : futures) {
                failure(f, BatchWriteException.Reason.RETRIES_EXHAUSTED)
                        .hasMessageStartingWith(
                                "shard 1 (social_1): 7 rows of batch writer 'budget' not written after 3 attempts")
                        .hasMessageContaining("unavailable");
            }
        } finally {
            servers.shard(1).startServer();
        }
    }

    /** Asserts a row's future fails with the writer's exception for a reason, and returns it for more checks. */
    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> failure(
            CompletableFuture<Void> f, BatchWriteException.Reason reason) {
        return assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(BatchWriteException.class)
                .satisfies(e -> assertThat(((BatchWriteException) e).reason()).isEqualTo(reason));
    }

    @Test
    void close_writesWhatWaits_thenRefusesNewRows() {
        BatchConfig config =
                BatchConfig.builder().maxBatchAge(Duration.ofHours(1)).build();
        BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.INSERT)).config(config).build();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(writer.write(ShardKey.of(i), event(i, "drained " + i)));
        }
        DrainResult drained = writer.close(Duration.ofSeconds(30));
        assertThat(drained.complete()).isTrue();
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(LongStream.range(0, 4).map(s -> rows((int) s)).sum()).isEqualTo(200);
        assertThatThrownBy(() -> writer.write(ShardKey.of(1), event(1, "late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("batch writer 'batch' is closed");
        assertThat(writer.close(Duration.ZERO).undrained()).isZero();
    }

    @Test
    void close_withAShardDown_reportsTheUndrainedRows_andFailsThem() {
        servers.assumeRestartableServers();
        BatchConfig config = BatchConfig.builder()
                .maxBatchAge(Duration.ofHours(1))
                .maxAttempts(1000)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .build();
        long dead = keyOn(3);
        BatchWriter<Event> writer =
                BatchWriter.builder(db, table(LoadMethod.COPY)).config(config).build();
        servers.shard(3).stopServer();
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(writer.write(ShardKey.of(dead), event(dead, "undrained " + i)));
            }
            DrainResult drained = writer.close(Duration.ofMillis(300));
            assertThat(drained.undrained()).isEqualTo(5);
            assertThat(drained.complete()).isFalse();
            for (CompletableFuture<Void> f : futures) {
                failure(f, BatchWriteException.Reason.CLOSED);
            }
        } finally {
            servers.shard(3).startServer();
        }
    }

    @Test
    void aShardWithMaxPendingRowsWaiting_refusesMore_namingTheLimit() {
        BatchConfig config = BatchConfig.builder()
                .maxBatchSize(2)
                .maxPendingRows(3)
                .maxBatchAge(Duration.ofHours(1))
                .build();
        // A sink that waits for the test keeps rows pending deterministically.
        CompletableFuture<Void> release = new CompletableFuture<>();
        BatchSink<Event> slow = (c, shard, rows, refusals) -> release.join();
        long agent = keyOn(0);
        try (BatchWriter<Event> writer =
                BatchWriter.builder(db, slow).name("slow").config(config).build()) {
            writer.write(ShardKey.of(agent), event(agent, "1"));
            writer.write(ShardKey.of(agent), event(agent, "2"));
            writer.write(ShardKey.of(agent), event(agent, "3"));
            assertThatThrownBy(() -> writer.write(ShardKey.of(agent), event(agent, "4")))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith(
                            "batch writer 'slow' pending rows on shard 0 (social_0) limit reached (3 rows)")
                    .satisfies(e ->
                            assertThat(((LimitExceededException) e).shardId()).isEqualTo(ShardId.of(0)));
            release.complete(null);
        }
    }

    @Test
    void badArguments_areNamed() {
        assertThatThrownBy(() -> BatchTable.<Event>builder("event; drop table x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table must match [A-Za-z_][A-Za-z0-9_]*, but was 'event; drop table x'");
        assertThatThrownBy(() -> BatchTable.<Event>builder("event")
                        .bigint("id", Event::id)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("table event has no key");
        assertThatThrownBy(() -> BatchTable.<Event>builder("event")
                        .timestamptz("at", Event::at)
                        .key("at")
                        .build())
                .hasMessage("key column at of event must be bigint, integer or text, but is TIMESTAMPTZ");
        assertThatThrownBy(() -> BatchConfig.builder().maxBatchSize(0))
                .hasMessage("maxBatchSize must be >= 1, but was 0");
        assertThatThrownBy(() ->
                        BatchConfig.builder().maxBatchSize(10).maxPendingRows(5).build())
                .hasMessage("maxPendingRows must be >= maxBatchSize (10), but was 5");
        assertThatThrownBy(() -> BatchWriter.builder(db, table(LoadMethod.COPY)).name("no spaces"))
                .hasMessage("name must match [A-Za-z0-9_.-]{1,64}, but was 'no spaces'");
    }
}
