package org.shardkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.shardkit.core.TestConfigs;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.scatter.Aggregate;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.KeysetPage;
import org.shardkit.core.scatter.Merge;
import org.shardkit.core.scatter.PartialResultException;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;
import org.shardkit.core.scatter.ShardFunction;
import org.shardkit.core.scatter.ShardTimeoutException;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The snippets of {@code docs/scatter.md}, run against three real shards. */
class ScatterDocIT {
    private static final Logger log = LoggerFactory.getLogger(ScatterDocIT.class);
    private static final int AGENTS = 300;

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(3).build();

    private static ShardedDatabase db;

    // snippet: agent
    record Agent(long id, String name, int score) {}

    static final RowMapper<Agent> AGENT =
            (rs, ctx) -> new Agent(rs.getLong("id"), rs.getString("name"), rs.getInt("score"));
    // end snippet

    @BeforeAll
    static void open() {
        db = ShardedDatabase.create(TestConfigs.withShards(
                        ShardkitConfig.builder(), servers.shards(), TestConfigs.pool(4, Duration.ofSeconds(2)))
                .build());
        for (ShardId id : db.shardIds()) {
            db.withShardId(
                    id, h -> h.execute("CREATE TABLE agent (id bigint PRIMARY KEY, name text NOT NULL, score int)"));
        }
        List<Agent> newAgents = new ArrayList<>();
        for (long id = 1; id <= AGENTS; id++) {
            newAgents.add(new Agent(id * 13, "agent-" + id, (int) (id * 7919 % 1000)));
        }
        // snippet: group-by-shard
        Map<ShardId, List<Agent>> byShard = db.groupByShard(newAgents, a -> ShardKey.of(a.id()));
        byShard.forEach((shard, agents) -> db.withShardId(shard, h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO agent (id, name, score) VALUES (:id, :name, :score)");
            agents.forEach(a -> batch.bind("id", a.id())
                    .bind("name", a.name())
                    .bind("score", a.score())
                    .add());
            return batch.execute();
        }));
        // end snippet
        assertThat(byShard).hasSize(3);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void allShards_readOnly_partial() {
        // snippet: request
        ScatterRequest request = ScatterRequest.allShards() // every shard: 5 s, FAIL_FAST, primaries
                .withDeadline(Duration.ofMillis(300)) // for the whole call, not per shard
                .withPolicy(FailurePolicy.PARTIAL) // missing shards are reported, not thrown
                .readOnly() // a replica of each shard where it has a usable one
                .named("top-agents"); // the operation tag of the meters
        ScatterResult<List<Agent>> result = db.scatter(
                request,
                (shard, h) -> h.createQuery("SELECT id, name, score FROM agent ORDER BY score DESC, id LIMIT 20")
                        .map(AGENT)
                        .list());
        // end snippet
        assertThat(result.isComplete()).isTrue();
        assertThat(result.availableResults()).hasSize(3);
        assertThat(request.deadline()).isEqualTo(Duration.ofMillis(300));
        assertThat(ScatterRequest.allShards().deadline()).isEqualTo(ScatterRequest.DEFAULT_DEADLINE);
    }

    @Test
    void someShards_byKeys() {
        // snippet: some-shards
        List<Long> ids = List.of(13L, 26L, 39L, 52L, 9999L);
        Map<ShardId, List<Long>> idsByShard = db.groupByShard(ids, ShardKey::of);
        ScatterResult<List<Agent>> found = db.scatter(
                ScatterRequest.onShards(idsByShard.keySet()).readOnly(),
                (shard, h) -> h.createQuery("SELECT id, name, score FROM agent WHERE id = ANY(:ids)")
                        .bindArray("ids", Long.class, idsByShard.get(shard))
                        .map(AGENT)
                        .list());
        List<Agent> agents = Merge.concat(found.requireComplete().values());
        // end snippet
        assertThat(agents).extracting(Agent::id).containsExactlyInAnyOrder(13L, 26L, 39L, 52L);
        // snippet: shards-of
        Set<ShardId> shards = db.shardsOf(List.of(ShardKey.of(13L), ShardKey.of(26L)));
        ScatterRequest theirShards = ScatterRequest.onShards(shards);
        // end snippet
        assertThat(theirShards.shards()).isEqualTo(shards).isSubsetOf(idsByShard.keySet());
    }

    @Test
    void failures_partialAndFailFast() {
        // Shard 2 sleeps past every deadline below.
        ShardFunction<Long> countAgents =
                (shard, h) -> h.createQuery("SELECT count(*) FROM agent, pg_sleep(CASE WHEN :slow THEN 30 ELSE 0 END)")
                        .bind("slow", shard.value() == 2)
                        .mapTo(Long.class)
                        .one();
        // snippet: partial
        ScatterResult<Long> counts = db.scatter(
                ScatterRequest.allShards().withDeadline(Duration.ofMillis(500)).withPolicy(FailurePolicy.PARTIAL),
                countAgents);
        if (!counts.isComplete()) {
            counts.failures()
                    .forEach((shard, cause) -> log.warn("{} is missing from the count: {}", shard, cause.getMessage()));
        }
        long atLeast = counts.availableResults().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        // end snippet
        assertThat(counts.missingShards()).containsExactly(ShardId.of(2));
        assertThat(counts.failures().get(ShardId.of(2)))
                .isInstanceOfSatisfying(
                        ShardTimeoutException.class,
                        e -> assertThat(e.statementCancelled()).isTrue());
        assertThat(atLeast).isPositive().isLessThan(AGENTS);
        assertThatThrownBy(counts::requireComplete)
                .isInstanceOfSatisfying(
                        PartialResultException.class,
                        e -> assertThat(e.missing()).containsOnlyKeys(ShardId.of(2)))
                .hasMessageStartingWith("1 of 3 shards missing from the result: shard 2");

        // snippet: fail-fast
        try {
            db.scatter(ScatterRequest.allShards().withDeadline(Duration.ofMillis(500)), countAgents);
        } catch (ShardkitException e) { // the first failure; the other parts were cancelled
            log.warn("the count failed on {}", e.shardId(), e);
        }
        // end snippet
        assertThatThrownBy(
                        () -> db.scatter(ScatterRequest.allShards().withDeadline(Duration.ofMillis(500)), countAgents))
                .isInstanceOfSatisfying(
                        ShardTimeoutException.class,
                        e -> assertThat(e.shardId()).isEqualTo(ShardId.of(2)));
    }

    @Test
    void merges() {
        // snippet: top-k
        Comparator<Agent> byScoreDesc =
                Comparator.comparingInt(Agent::score).reversed().thenComparingLong(Agent::id);
        ScatterResult<List<Agent>> best = db.scatter(
                ScatterRequest.allShards().readOnly(),
                (shard, h) -> h.createQuery("SELECT id, name, score FROM agent ORDER BY score DESC, id LIMIT :k")
                        .bind("k", 20)
                        .map(AGENT)
                        .list());
        List<Agent> top20 = Merge.topK(best.requireComplete().values(), 20, byScoreDesc);
        // end snippet
        List<Agent> everyone = everyone();
        assertThat(top20)
                .containsExactlyElementsOf(
                        everyone.stream().sorted(byScoreDesc).limit(20).toList());

        // snippet: aggregate
        ScatterResult<Aggregate> parts = db.scatter(
                ScatterRequest.allShards().readOnly(),
                (shard, h) -> h.createQuery("SELECT count(score), sum(score), min(score), max(score) FROM agent")
                        .map((rs, ctx) -> Aggregate.of(
                                rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                        .one());
        Aggregate all = Aggregate.combine(parts.requireComplete().values());
        Optional<BigDecimal> average = all.average(); // sum / count: never an average of averages
        // end snippet
        assertThat(all.count()).isEqualTo(AGENTS);
        long sum = everyone.stream().mapToLong(Agent::score).sum();
        assertThat(all.sum()).isEqualByComparingTo(BigDecimal.valueOf(sum));
        assertThat(average)
                .hasValueSatisfying(a -> assertThat(a.doubleValue())
                        .isCloseTo((double) sum / AGENTS, org.assertj.core.data.Offset.offset(1e-9)));
    }

    /** Every agent, read page by page: the keyset snippet. */
    private static List<Agent> everyone() {
        // snippet: keyset-page
        record Cursor(int score, long id) {}
        Comparator<Agent> byScore = Comparator.comparingInt(Agent::score).thenComparingLong(Agent::id);
        int pageSize = 50;
        List<Agent> everyone = new ArrayList<>();
        Cursor cursor = new Cursor(Integer.MIN_VALUE, Long.MIN_VALUE); // before the first row
        while (true) {
            Cursor after = cursor;
            ScatterResult<List<Agent>> parts = db.scatter(
                    ScatterRequest.allShards().readOnly(),
                    (shard, h) -> h.createQuery("SELECT id, name, score FROM agent WHERE (score, id) > (:score, :id)"
                                    + " ORDER BY score, id LIMIT :size")
                            .bind("score", after.score())
                            .bind("id", after.id())
                            .bind("size", pageSize)
                            .map(AGENT)
                            .list());
            KeysetPage<Agent, Cursor> page =
                    Merge.page(parts.requireComplete().values(), pageSize, byScore, a -> new Cursor(a.score(), a.id()));
            everyone.addAll(page.items());
            Optional<Cursor> next = page.next();
            if (next.isEmpty()) {
                break;
            }
            cursor = next.get();
        }
        // end snippet
        assertThat(everyone).hasSize(AGENTS).isSortedAccordingTo(byScore);
        return everyone;
    }

    @Test
    void page_matchesItsSnippets() {
        DocSnippets.assertPageMatches("scatter.md", ScatterDocIT.class);
    }
}
