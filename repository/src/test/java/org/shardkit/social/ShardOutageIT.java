package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardCircuitOpenException;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, case 1: a shard's server dies under load. Workers read and update agents on all four
 * shards while a searcher runs the compatible-agents scatter under {@code PARTIAL}; shard 2's server
 * is stopped mid-run and started again 10 s later, the application left running. Calls for the
 * other shards never fail; calls for shard 2 fail with a {@link ShardkitException} naming it, each
 * within 1 s (the pool's connection timeout is 300 ms, and once the breaker opens it refuses them
 * at once); after the restart the shard serves again within 5 s (the breaker's open duration is
 * 2 s) and no call for it fails after the first that succeeds; every search while it is down names
 * it missing, and no acknowledged profile update is lost.
 */
@Tag("reliability")
class ShardOutageIT {
    private static final Logger LOG = LoggerFactory.getLogger(ShardOutageIT.class);
    private static final ShardId DOWN = ShardId.of(2);
    private static final int SHARDS = 4;
    private static final int AGENTS_PER_SHARD = 5;
    private static final int WORKERS = 6;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BREAKER_OPEN = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The bounds: a typed error within 1 s, the first success within 5 s of the restart. */
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(1);

    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    private static final CompatibleOptions SEARCH = CompatibleOptions.defaults().withDeadline(Duration.ofSeconds(5));

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(SHARDS).build();

    /** One call of the workload: its shard, when it ran ({@code System.nanoTime}), and its failure. */
    private record Call(
            ShardId shard, long start, long end, @Nullable Throwable error) {
        long nanos() {
            return end - start;
        }
    }

    /** One compatible-agents search: when it ran, the shards it missed, and its failure. */
    private record Search(
            long start,
            long end,
            Set<ShardId> missing,
            @Nullable Throwable error) {}

    /** The profile updates of one agent, all by one worker: the last acknowledged, and those tried after it. */
    private static final class Writes {
        @Nullable
        String acknowledged;

        final Set<String> triedSince = new LinkedHashSet<>();
        int acks;
    }

    @Test
    void aShardStoppedUnderLoad_othersNeverFail_itsCallsFailFastNamingIt_andItServesSoonAfterItsRestart()
            throws Exception {
        servers.assumeRestartableServers();
        ShardkitConfig config = SocialTestbed.config(
                SocialTestbed.endpoints(servers),
                3,
                SocialTestbed.pool(CONNECTION_TIMEOUT),
                b -> b.breaker(
                        BreakerConfig.builder().openDuration(BREAKER_OPEN).build()));
        try (ShardedDatabase db = SocialTestbed.open(config);
                SocialRepository social = SocialRepository.create(db)) {
            List<Agent> agents = agentsOnEveryShard(db, social);
            Agent searcher = agents.stream()
                    .filter(a -> db.shardOf(ShardKey.of(a.id())).equals(ShardId.of(0)))
                    .findFirst()
                    .orElseThrow();
            fillPools(db);

            Queue<Call> calls = new ConcurrentLinkedQueue<>();
            Queue<Search> searches = new ConcurrentLinkedQueue<>();
            List<Map<Long, Writes>> writes = new ArrayList<>();
            TestShard stopped = servers.shard(DOWN.value());
            long stopBegin;
            long stopEnd;
            long restartBegin;
            long restartEnd;
            try (LoadLoop load = new LoadLoop(WORKERS + 1)) {
                for (int w = 0; w < WORKERS; w++) {
                    Map<Long, Writes> own = new HashMap<>();
                    for (int i = w; i < agents.size(); i += WORKERS) {
                        own.put(agents.get(i).id(), new Writes());
                    }
                    writes.add(own);
                    List<Long> mine = List.copyOf(own.keySet());
                    Random random = new Random(31L * w);
                    AtomicInteger bios = new AtomicInteger();
                    load.repeat(
                            () -> work(db, social, agents, own, mine, random, "bio " + bios.getAndIncrement(), calls),
                            Duration.ZERO);
                }
                load.repeat(() -> search(social, searcher, searches), Duration.ofMillis(100));

                LoadLoop.pause(WARM_UP);
                stopBegin = System.nanoTime();
                stopped.stopServer();
                stopEnd = System.nanoTime();
                LoadLoop.pause(Duration.ofNanos(stopBegin + OUTAGE.toNanos() - System.nanoTime()));
                restartBegin = System.nanoTime();
                stopped.startServer();
                restartEnd = System.nanoTime();
                // Run on until the shard has served again, and 2 s past that (or past the bound, to fail).
                long until = restartEnd + RECOVERY_BOUND.toNanos() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < until
                        && firstSuccess(calls, restartBegin).isEmpty()) {
                    LoadLoop.pause(Duration.ofMillis(50));
                }
                LoadLoop.pause(Duration.ofSeconds(2));
                load.finish(Duration.ofSeconds(30));
            }

            List<Call> healthy =
                    calls.stream().filter(c -> !c.shard().equals(DOWN)).toList();
            List<Call> onDown =
                    calls.stream().filter(c -> c.shard().equals(DOWN)).toList();
            List<Call> healthyErrors =
                    healthy.stream().filter(c -> c.error() != null).toList();
            List<Call> downErrors =
                    onDown.stream().filter(c -> c.error() != null).toList();
            // The 1 s bound is for calls made to a dead shard: a call that began while the
            // server was still shutting down may wait out a statement the shutdown cut short.
            List<Long> errorNanos = downErrors.stream()
                    .filter(c -> c.start() >= stopEnd)
                    .map(Call::nanos)
                    .toList();
            Optional<Call> recovered = firstSuccess(calls, restartBegin);
            List<Search> whileDown = searches.stream()
                    .filter(s -> s.start() >= stopEnd && s.end() <= restartBegin)
                    .toList();
            int lost = lostWrites(social, writes);

            ReliabilityFigures figures = ReliabilityFigures.of(1)
                    .put("shards", SHARDS)
                    .put("stoppedShard", DOWN.value())
                    .put("outageMs", TimeUnit.NANOSECONDS.toMillis(restartEnd - stopBegin))
                    .put("healthyCalls", healthy.size())
                    .put("healthyErrors", healthyErrors.size())
                    .put("stoppedShardCalls", onDown.size())
                    .put("stoppedShardErrors", downErrors.size())
                    .put(
                            "refusedByBreaker",
                            downErrors.stream()
                                    .filter(c -> c.error() instanceof ShardCircuitOpenException)
                                    .count())
                    .put(
                            "errorsStartedDuringStop",
                            downErrors.stream().filter(c -> c.start() < stopEnd).count())
                    .put("timeToErrorMaxMs", ReliabilityFigures.millis(ReliabilityFigures.percentile(errorNanos, 100)))
                    .put("timeToErrorP99Ms", ReliabilityFigures.millis(ReliabilityFigures.percentile(errorNanos, 99)))
                    .put(
                            "firstSuccessAfterRestartMs",
                            recovered
                                    .map(c -> ReliabilityFigures.millis(Math.max(0, c.end() - restartEnd)))
                                    .orElse("none"))
                    .put("restartMs", TimeUnit.NANOSECONDS.toMillis(restartEnd - restartBegin))
                    .put("searchesWhileDown", whileDown.size())
                    .put(
                            "searchesNamingIt",
                            whileDown.stream()
                                    .filter(s ->
                                            s.error() == null && s.missing().equals(Set.of(DOWN)))
                                    .count())
                    .put(
                            "writesAcknowledged",
                            writes.stream()
                                    .flatMap(m -> m.values().stream())
                                    .mapToInt(x -> x.acks)
                                    .sum())
                    .put("writesLost", lost)
                    .put("connectionTimeoutMs", CONNECTION_TIMEOUT.toMillis())
                    .put("breakerOpenMs", BREAKER_OPEN.toMillis());
            figures.report();

            assertThat(healthyErrors)
                    .as("calls routed to the other shards: 0 errors")
                    .isEmpty();
            assertThat(downErrors).as("calls for the stopped shard failed").isNotEmpty();
            assertThat(downErrors)
                    .allSatisfy(c -> assertThat(c.error())
                            .isInstanceOfSatisfying(
                                    ShardkitException.class,
                                    e -> assertThat(e.shardId())
                                            .as("the shard the error names")
                                            .isEqualTo(DOWN)));
            assertThat(ReliabilityFigures.percentile(errorNanos, 100))
                    .as("the slowest error of a call begun after the stop, ns; the issue's bound is 1 s (the pool"
                            + " waits 300 ms)")
                    .isLessThanOrEqualTo(FAIL_FAST_BOUND.toNanos());
            assertThat(onDown.stream()
                            .filter(c -> c.start() >= stopEnd && c.end() <= restartBegin && c.error() == null)
                            .toList())
                    .as("no call for the stopped shard succeeded while it was down")
                    .isEmpty();
            assertThat(recovered)
                    .as("a call for the shard succeeded after its restart")
                    .isPresent();
            Call first = recovered.orElseThrow();
            assertThat(first.end() - restartEnd)
                    .as("ns from the restart to the first success; the issue's bound is 5 s")
                    .isLessThanOrEqualTo(RECOVERY_BOUND.toNanos());
            assertThat(onDown.stream()
                            .filter(c -> c.start() > first.end() && c.error() != null)
                            .toList())
                    .as("once it served again, no call for it failed")
                    .isEmpty();
            assertThat(whileDown).as("searches ran while the shard was down").hasSizeGreaterThanOrEqualTo(3);
            assertThat(whileDown).allSatisfy(s -> {
                assertThat(s.error()).isNull();
                assertThat(s.missing())
                        .as("a search under PARTIAL names the missing shard")
                        .containsExactly(DOWN);
            });
            assertThat(searches).allSatisfy(s -> {
                assertThat(s.error()).as("no search failed").isNull();
                assertThat(s.missing()).as("no other shard is ever missing").isSubsetOf(DOWN);
            });
            assertThat(searches.stream().filter(s -> s.end() < stopBegin))
                    .as("before the stop, searches were complete")
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.missing()).isEmpty());
            assertThat(lost).as("acknowledged profile updates lost").isZero();
        }
    }

    /** Creates agents until every shard holds {@link #AGENTS_PER_SHARD}, and returns them. */
    private static List<Agent> agentsOnEveryShard(ShardedDatabase db, SocialRepository social) {
        Map<ShardId, Integer> count = new HashMap<>();
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 400 && agents.size() < SHARDS * AGENTS_PER_SHARD; i++) {
            Agent a = SocialTestbed.agent(social, "outage");
            if (count.merge(db.shardOf(ShardKey.of(a.id())), 1, Integer::sum) <= AGENTS_PER_SHARD) {
                agents.add(a);
            }
        }
        assertThat(agents).as("agents on every shard").hasSize(SHARDS * AGENTS_PER_SHARD);
        return agents;
    }

    /** Opens every pool's connections before the clock runs, so no healthy call waits for a new one. */
    private static void fillPools(ShardedDatabase db) throws Exception {
        ExecutorService filler = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fills = new ArrayList<>();
            for (ShardId shard : db.shardIds()) {
                for (int i = 0; i < 8; i++) {
                    fills.add(filler.submit(() -> db.withShardId(shard, h -> h.execute("SELECT pg_sleep(0.1)"))));
                }
            }
            for (Future<?> fill : fills) {
                fill.get(60, TimeUnit.SECONDS); // a fill that failed fails the test here
            }
        } finally {
            filler.shutdownNow();
        }
    }

    /** A worker's round: a read of any agent or (half the time) a profile update of one of its own. */
    private static void work(
            ShardedDatabase db,
            SocialRepository social,
            List<Agent> agents,
            Map<Long, Writes> own,
            List<Long> mine,
            Random random,
            String bio,
            Queue<Call> calls) {
        boolean write = random.nextBoolean();
        long id = write
                ? mine.get(random.nextInt(mine.size()))
                : agents.get(random.nextInt(agents.size())).id();
        ShardId shard = db.shardOf(ShardKey.of(id));
        long start = System.nanoTime();
        Throwable error = null;
        try {
            if (write) {
                social.updateProfile(id, ProfileUpdate.none().withBio(bio));
                Writes w = Objects.requireNonNull(own.get(id));
                w.acknowledged = bio;
                w.triedSince.clear();
                w.acks++;
            } else {
                assertThat(social.agent(id).id()).isEqualTo(id);
            }
        } catch (RuntimeException | AssertionError e) {
            error = e;
            if (write) {
                Objects.requireNonNull(own.get(id))
                        .triedSince
                        .add(bio); // it may have committed before the connection died
            }
        }
        calls.add(new Call(shard, start, System.nanoTime(), error));
    }

    /** The searcher's round: a compatible-agents search under PARTIAL. */
    private static void search(SocialRepository social, Agent searcher, Queue<Search> searches) {
        long start = System.nanoTime();
        try {
            CompatibleAgents found = social.compatibleAgents(searcher.id(), 10, SEARCH);
            searches.add(new Search(start, System.nanoTime(), Set.copyOf(found.missingShards()), null));
        } catch (RuntimeException e) {
            searches.add(new Search(start, System.nanoTime(), Set.of(), e));
        }
    }

    /** The first call on the stopped shard that succeeded after its restart began. */
    private static Optional<Call> firstSuccess(Queue<Call> calls, long restartBegin) {
        return calls.stream()
                .filter(c -> c.shard().equals(DOWN) && c.error() == null && c.end() > restartBegin)
                .min(Comparator.comparingLong(Call::end));
    }

    /** Counts agents whose stored biography is neither their last acknowledged one nor one tried after it. */
    private static int lostWrites(SocialRepository social, List<Map<Long, Writes>> writes) {
        int lost = 0;
        for (Map<Long, Writes> own : writes) {
            for (Map.Entry<Long, Writes> e : own.entrySet()) {
                Writes w = e.getValue();
                if (w.acknowledged == null) {
                    continue;
                }
                String stored = social.agent(e.getKey()).bio();
                if (!stored.equals(w.acknowledged) && !w.triedSince.contains(stored)) {
                    LOG.error("agent {}: stored '{}', last acknowledged '{}'", e.getKey(), stored, w.acknowledged);
                    lost++;
                }
            }
        }
        return lost;
    }
}
