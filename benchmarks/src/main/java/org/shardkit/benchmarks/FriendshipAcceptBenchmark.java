package org.shardkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.social.CrossShardMode;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * One friendship accept (issue 12's micro-benchmark), three ways in one run: the two agents on two
 * shards with two-phase commit, the same with the outbox (the caller's transaction on the deciding
 * shard writes the message; the relay applies it in the background, in the same JVM), and the two
 * agents on one shard (one local transaction, the floor). Two embedded PostgreSQL 15 shards,
 * {@code max_prepared_transactions = 64}, fsync on.
 *
 * <p>{@code interleaved} accepts one pending request in each way per call, in a rotating order,
 * and adds each way's time to its counter, so the three share every condition of the machine (see
 * BASELINES.md: an idle core's wake-up cost skews latencies measured apart). {@code ratios.py}
 * prints the quotients. Each iteration accepts fresh requests seeded by SQL before it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FriendshipAcceptBenchmark -f 1 -wi 3 -w 2s -i 10 -r 2s -rf json
 * python3 benchmarks/ratios.py jmh-result.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class FriendshipAcceptBenchmark {
    /** Pending requests seeded per way and iteration: more than an iteration accepts. */
    static final int PAIRS = 3000;

    private @Nullable ShardCluster cluster;
    private @Nullable ShardedDatabase db;
    private @Nullable SocialRepository twoPhase;
    private @Nullable SocialRepository outbox;
    private final PendingPairs crossTwoPhase = new PendingPairs();
    private final PendingPairs crossOutbox = new PendingPairs();
    private final PendingPairs sameShard = new PendingPairs();
    private int calls;

    /** Starts two shards with prepared transactions allowed, migrates, and opens both repositories. */
    @Setup(Level.Trial)
    public void setUp() {
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(2)
                .serverSetting("max_prepared_transactions", "64")
                .start();
        ShardkitConfig base = BenchmarkShards.modulo(cluster.servers(), 8);
        db = ShardedDatabase.create(base.toBuilder()
                .idgen(IdGenConfig.builder().workerId(1).build())
                .twoPhase(TwoPhaseConfig.builder().enabled(true).build())
                .build());
        SocialRepository.migrate(db);
        twoPhase = SocialRepository.builder(db)
                .crossShardMode(CrossShardMode.TWO_PHASE_COMMIT)
                .build();
        outbox = SocialRepository.builder(db)
                .crossShardMode(CrossShardMode.OUTBOX)
                .relayInterval(Duration.ofMillis(20))
                .build();
    }

    /** Seeds fresh pending requests for each way. */
    @Setup(Level.Iteration)
    public void seed() {
        ShardedDatabase d = java.util.Objects.requireNonNull(db);
        crossTwoPhase.seed(d, false);
        crossOutbox.seed(d, false);
        sameShard.seed(d, true);
    }

    /** Per iteration, each way's total time; each ran the same number of times. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class WayTimes {
        /** Nanoseconds in accepts across two shards with two-phase commit. */
        public long twoPhaseNanos;

        /** Nanoseconds in accepts across two shards with the outbox. */
        public long outboxNanos;

        /** Nanoseconds in accepts on one shard. */
        public long singleShardNanos;

        /** Calls of {@code interleaved}: one accept each way per call. */
        public long acceptsEachWay;

        /** Zeroes the counters: JMH does not. */
        @Setup(Level.Iteration)
        public void reset() {
            twoPhaseNanos = 0;
            outboxNanos = 0;
            singleShardNanos = 0;
            acceptsEachWay = 0;
        }
    }

    /**
     * One accept in each way, the order rotating every call.
     *
     * @param times where each way's time goes
     * @param bh takes the results
     */
    @Benchmark
    public void interleaved(WayTimes times, Blackhole bh) {
        int first = calls++ % 3;
        times.acceptsEachWay++;
        for (int k = 0; k < 3; k++) {
            int way = (first + k) % 3;
            long t0 = System.nanoTime();
            bh.consume(accept(way));
            long spent = System.nanoTime() - t0;
            if (way == 0) {
                times.twoPhaseNanos += spent;
            } else if (way == 1) {
                times.outboxNanos += spent;
            } else {
                times.singleShardNanos += spent;
            }
        }
    }

    private Object accept(int way) {
        SocialRepository social = java.util.Objects.requireNonNull(way == 1 ? outbox : twoPhase);
        PendingPairs pairs = way == 0 ? crossTwoPhase : way == 1 ? crossOutbox : sameShard;
        long[] pair = pairs.next();
        return social.acceptFriendship(pair[1], pair[0]);
    }

    /** Closes the repositories (the outbox relay drains first) and the database, then stops the servers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (outbox != null) {
            outbox.awaitConverged(Duration.ofSeconds(30));
            outbox.close();
        }
        if (twoPhase != null) {
            twoPhase.close();
        }
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Pending requests seeded straight into the tables: requester, addressee. */
    static final class PendingPairs {
        private final List<long[]> pairs = new ArrayList<>();
        private int next;

        long[] next() {
            if (next == pairs.size()) {
                throw new IllegalStateException("all " + pairs.size() + " seeded requests were accepted this"
                        + " iteration; raise PAIRS or shorten the iteration");
            }
            return pairs.get(next++);
        }

        /** Seeds {@link #PAIRS} agent pairs (on one shard or on two) with a pending request each. */
        void seed(ShardedDatabase db, boolean sameShard) {
            pairs.clear();
            next = 0;
            // Consecutive ids alternate shards under modulo routing, so draw ids per shard first.
            List<List<Long>> byShard = new ArrayList<>();
            db.shardIds().forEach(s -> byShard.add(new ArrayList<>()));
            while (byShard.stream().anyMatch(l -> l.size() < 2 * PAIRS)) {
                long id = db.ids().nextId();
                byShard.get(db.shardOf(ShardKey.of(id)).value()).add(id);
            }
            for (int i = 0; i < PAIRS; i++) {
                long a = byShard.get(0).get(2 * i);
                long b = sameShard
                        ? byShard.get(0).get(2 * i + 1)
                        : byShard.get(1).get(i);
                pairs.add(new long[] {Math.min(a, b), Math.max(a, b)});
            }
            for (ShardId shard : db.shardIds()) {
                List<Long> agents = new ArrayList<>();
                List<Long> owners = new ArrayList<>();
                List<Long> friends = new ArrayList<>();
                List<Long> requesters = new ArrayList<>();
                for (long[] p : pairs) {
                    for (int side = 0; side < 2; side++) {
                        long me = p[side];
                        if (db.shardOf(ShardKey.of(me)).equals(shard)) {
                            agents.add(me);
                            owners.add(me);
                            friends.add(p[1 - side]);
                            requesters.add(p[0]);
                        }
                    }
                }
                if (agents.isEmpty()) {
                    continue;
                }
                db.useTransaction(ShardKey.of(agents.get(0)), h -> {
                    h.createUpdate("INSERT INTO agent (id, handle, name, personality, created_at, last_active_at)"
                                    + " SELECT id, 'bench_' || id, 'bench', 'explorer', now(), now()"
                                    + " FROM unnest(CAST(:ids AS bigint[])) AS id")
                            .bind("ids", SeededFriends.array(agents))
                            .execute();
                    h.createUpdate("INSERT INTO friendship (agent_id, friend_id, status, requested_by, version,"
                                    + " created_at, updated_at) SELECT o, f, 'pending', r, 1, now(), now()"
                                    + " FROM unnest(CAST(:o AS bigint[]), CAST(:f AS bigint[]), CAST(:r AS bigint[]))"
                                    + " AS t(o, f, r)")
                            .bind("o", SeededFriends.array(owners))
                            .bind("f", SeededFriends.array(friends))
                            .bind("r", SeededFriends.array(requesters))
                            .execute();
                });
            }
        }
    }
}
