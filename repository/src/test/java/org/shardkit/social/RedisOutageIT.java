package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/**
 * Issue 16, case 7: Redis dies and returns. Two application nodes in one JVM, each with its own
 * database, two-level cache (its own L1) and repository, read friend counts (L1 and Redis) and
 * profiles (Redis only) under load. Redis is stopped: both nodes turn degraded and every read is
 * answered, from L1 or PostgreSQL. Node A then changes two friend counts and a profile, which it
 * invalidates with Redis unreachable: it drops its own copies at once and queues the rest. Node B
 * cannot hear it and keeps serving its L1 copies of the old counts (documented, docs/cache.md
 * "What is guaranteed", 2 and 3). Redis is started again: each node, on resubscribing, clears its
 * whole L1 before it uses Redis again (and A replays its queued invalidations), so from the moment
 * a node is no longer degraded it never serves an old value; this test checks every read of both
 * nodes against that, and both nodes explicitly at the end.
 */
@Tag("reliability")
class RedisOutageIT {
    private static final String CHANGED_NAME = "renamed while Redis was down";
    private static final Duration DEGRADE_BOUND = Duration.ofSeconds(10);
    private static final Duration RESUBSCRIBE_BOUND = Duration.ofSeconds(10);
    private static final int READERS_PER_NODE = 2;

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).redis().build();

    /** One application node: its database, its cache and the repository reading through it. */
    private record Node(String name, ShardedDatabase db, TwoLevelCache cache, SocialRepository social)
            implements AutoCloseable {
        static Node open(String name, int workerId) {
            ShardedDatabase db = SocialTestbed.open(SocialTestbed.config(
                    SocialTestbed.endpoints(servers), workerId, SocialTestbed.pool(Duration.ofSeconds(10)), b -> b));
            CacheSettings.Builder settings = CacheSettings.builder()
                    .keyPrefix(servers.redis().keyPrefix())
                    .redis(RedisSettings.builder()
                            .host(servers.redis().host())
                            .port(servers.redis().port())
                            .password(servers.redis().password())
                            .build());
            SocialCaching.namespaces().forEach(settings::namespace);
            TwoLevelCache cache = TwoLevelCache.builder()
                    .name(name)
                    .settings(settings.build())
                    .build();
            return new Node(
                    name, db, cache, SocialRepository.builder(db).cache(cache).build());
        }

        @Override
        public void close() {
            social.close();
            cache.close();
            db.close();
        }
    }

    /** A value the readers read, by name: its value before the outage and, if changed, after. */
    private record Probe(String name, Function<SocialRepository, String> read, String before, String after) {
        boolean changed() {
            return !before.equals(after);
        }
    }

    /** One read: on which node, of which probe, when ({@code System.nanoTime}), whether the node was degraded. */
    private record Read(
            String node,
            Probe probe,
            long start,
            boolean degraded,
            @Nullable String value,
            @Nullable Throwable error) {
        boolean stale() {
            return probe.changed() && probe.before().equals(value);
        }
    }

    @Test
    void redisStoppedAndStarted_readsNeverFail_andNoNodeServesAValueInvalidatedMeanwhile_onceItResubscribed()
            throws Exception {
        servers.assumeRestartableServers();
        try (Node a = Node.open("node-a", 3);
                Node b = Node.open("node-b", 4)) {
            Agent x = SocialTestbed.agent(a.social(), "counted");
            Agent y = SocialTestbed.agentOn(a.social(), a.db(), x, true); // one shard: counts change at once
            Agent z = SocialTestbed.agent(a.social(), "unchanged");
            Agent p = SocialTestbed.agent(a.social(), "profile");
            List<Probe> probes = List.of(
                    new Probe("count(x)", s -> String.valueOf(s.friendCount(x.id())), "0", "1"),
                    new Probe("count(y)", s -> String.valueOf(s.friendCount(y.id())), "0", "1"),
                    new Probe("count(z)", s -> String.valueOf(s.friendCount(z.id())), "0", "0"),
                    new Probe("name(p)", s -> s.agent(p.id()).name(), p.name(), CHANGED_NAME),
                    new Probe("name(z)", s -> s.agent(z.id()).name(), z.name(), z.name()));
            for (Node n : List.of(a, b)) {
                for (Probe probe : probes) {
                    assertThat(probe.read().apply(n.social())).isEqualTo(probe.before()); // cached now
                }
            }

            Queue<Read> reads = new ConcurrentLinkedQueue<>();
            long stopBegin;
            long degraded;
            long changed;
            long restartBegin;
            long restartEnd;
            long staleOnBBeforeRestart;
            Map<String, Long> resubscribed = new LinkedHashMap<>();
            try (LoadLoop readers = new LoadLoop(2 * READERS_PER_NODE)) {
                for (Node n : List.of(a, b)) {
                    for (int i = 0; i < READERS_PER_NODE; i++) {
                        Random random = new Random(n.name().hashCode() + i);
                        readers.repeat(() -> read(n, probes, random, reads), Duration.ofMillis(1));
                    }
                }
                LoadLoop.pause(Duration.ofSeconds(1));
                stopBegin = System.nanoTime();
                servers.redis().stopServer();
                degraded = await(List.of(a, b), true, DEGRADE_BOUND);

                a.social().requestFriendship(x.id(), y.id());
                a.social().acceptFriendship(y.id(), x.id());
                a.social().updateProfile(p.id(), ProfileUpdate.none().withName(CHANGED_NAME));
                changed = System.nanoTime();
                LoadLoop.pause(Duration.ofSeconds(2)); // reads go on, degraded

                staleOnBBeforeRestart = probes.stream()
                        .filter(pr -> pr.before().equals(pr.read().apply(b.social())) && pr.changed())
                        .count();
                restartBegin = System.nanoTime();
                servers.redis().startServer();
                restartEnd = System.nanoTime();
                for (Node n : List.of(a, b)) {
                    resubscribed.put(n.name(), await(List.of(n), false, RESUBSCRIBE_BOUND) - restartEnd);
                }
                LoadLoop.pause(Duration.ofSeconds(2)); // reads go on, resubscribed
                readers.finish(Duration.ofSeconds(30));
            }

            List<Read> all = new ArrayList<>(reads);
            List<Read> errors = all.stream().filter(r -> r.error() != null).toList();
            List<Read> staleOnA = all.stream()
                    .filter(r -> r.node().equals(a.name()) && r.start() > changed && r.stale())
                    .toList();
            List<Read> staleOnBWhileDown = all.stream()
                    .filter(r -> r.node().equals(b.name()) && r.start() > changed && r.start() < restartBegin)
                    .filter(Read::stale)
                    .toList();
            List<Read> staleWhileResubscribing = all.stream()
                    .filter(r -> r.start() >= restartBegin && r.degraded() && r.stale())
                    .toList();
            List<Read> staleOnceResubscribed = all.stream()
                    .filter(r -> r.start() >= restartBegin && !r.degraded() && r.stale())
                    .toList();
            Map<String, String> finalValues = new LinkedHashMap<>();
            for (Node n : List.of(a, b)) {
                for (Probe probe : probes) {
                    finalValues.put(n.name() + " " + probe.name(), probe.read().apply(n.social()));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (Node n : List.of(a, b)) {
                for (Probe probe : probes) {
                    expected.put(n.name() + " " + probe.name(), probe.after());
                }
            }
            try (SocialRepository uncached = SocialRepository.create(a.db())) {
                assertThat(uncached.friendCount(x.id()))
                        .as("PostgreSQL holds the changed count")
                        .isEqualTo(1);
                assertThat(uncached.agent(p.id()).name()).isEqualTo(CHANGED_NAME);
            }

            ReliabilityFigures report = ReliabilityFigures.of(7)
                    .put("nodes", 2)
                    .put("reads", all.size())
                    .put("readErrors", errors.size())
                    .put(
                            "readsWhileDown",
                            all.stream()
                                    .filter(r -> r.start() > stopBegin && r.start() < restartBegin)
                                    .count())
                    .put("degradedAfterMs", TimeUnit.NANOSECONDS.toMillis(degraded - stopBegin))
                    .put("outageMs", TimeUnit.NANOSECONDS.toMillis(restartEnd - stopBegin))
                    .put("staleOnChangingNode", staleOnA.size())
                    .put("staleOnOtherNodeWhileDown", staleOnBWhileDown.size())
                    .put("staleOnOtherNodeBeforeRestart", staleOnBBeforeRestart)
                    .put("resubscribedAMs", ReliabilityFigures.millis(resubscribed.getOrDefault(a.name(), -1L)))
                    .put("resubscribedBMs", ReliabilityFigures.millis(resubscribed.getOrDefault(b.name(), -1L)))
                    .put("staleWhileResubscribing", staleWhileResubscribing.size())
                    .put("staleOnceResubscribed", staleOnceResubscribed.size());
            report.report();

            assertThat(errors).as("reads that failed").isEmpty();
            assertThat(all.stream().filter(r -> r.start() > stopBegin && r.start() < restartBegin))
                    .as("reads answered while Redis was down")
                    .isNotEmpty();
            assertThat(staleOnA)
                    .as("the node that changed the values never served the old ones after its change returned")
                    .isEmpty();
            assertThat(staleOnBBeforeRestart)
                    .as("node B held invalidated values in L1 when Redis returned (what makes this test able to fail)")
                    .isPositive();
            assertThat(staleOnceResubscribed)
                    .as("reads of either node, once it resubscribed, that served a value invalidated while Redis was"
                            + " down")
                    .isEmpty();
            assertThat(finalValues).isEqualTo(expected);
        }
    }

    /** A reader's round: reads one probe, picked at random, on one node. */
    private static void read(Node node, List<Probe> probes, Random random, Queue<Read> reads) {
        Probe probe = probes.get(random.nextInt(probes.size()));
        boolean degraded = node.cache().isDegraded();
        long start = System.nanoTime();
        try {
            reads.add(new Read(node.name(), probe, start, degraded, probe.read().apply(node.social()), null));
        } catch (RuntimeException e) {
            reads.add(new Read(node.name(), probe, start, degraded, null, e));
        }
    }

    /** Waits until every node's cache is (or is no longer) degraded; returns when, on {@code System.nanoTime}. */
    private static long await(List<Node> nodes, boolean degraded, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (nodes.stream().anyMatch(n -> n.cache().isDegraded() != degraded)) {
            assertThat(System.nanoTime())
                    .as(
                            "%s degraded=%s within %s",
                            nodes.stream().map(Node::name).toList(), degraded, bound)
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return System.nanoTime();
    }
}
