package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.ShardStandby;
import org.shardkit.testing.TestShard;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, case 2: a replica dies. A shard reads from two replicas, each a real streaming standby
 * of it ({@link ShardStandby}: a copy of its data directory replaying its WAL, not a stand-in with
 * other data). Readers read agents, and which server answered, under load; one standby's server is
 * stopped: every read still answers, and correctly, from the other replica (or the primary), the
 * stopped one is skipped from the read that found it dead for {@code replicaRetryAfter}, and once
 * started again it serves reads again when that period has passed.
 */
@Tag("reliability")
class ReplicaOutageIT {
    private static final int AGENTS = 20;
    private static final int READERS = 4;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final String CALL_PATH_LOGGER = "org.shardkit.core.CallPath";
    /**
     * Slack on "not before the retry period": a skip is logged just after the replica is marked
     * failed, log times are whole milliseconds of another clock, and the machine is loaded.
     */
    private static final Duration RETRY_SLACK = Duration.ofMillis(250);
    /** The port of a read that did not ask which server answered (a read through the repository). */
    private static final int NOT_ASKED = -1;

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).build();

    /**
     * One read: when ({@code System.nanoTime}), whether it asked which server answered, the port of
     * that server ({@link #NOT_ASKED} when it did not ask), and its failure.
     */
    private record Read(
            long start,
            long end,
            boolean asked,
            int port,
            @Nullable Throwable error) {}

    @Test
    void aReplicaStoppedUnderReadLoad_readsFailOverWithoutError_andItServesAgainAfterTheRetryPeriod() throws Exception {
        servers.assumeRestartableServers();
        TestShard shard = servers.shard(0);
        ch.qos.logback.classic.Logger callPath =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CALL_PATH_LOGGER);
        ListAppender<ILoggingEvent> skips = new ListAppender<>();
        skips.start();
        callPath.addAppender(skips);
        try (ShardStandby stopped = ShardStandby.start(shard, "replica_0");
                ShardStandby other = ShardStandby.start(shard, "replica_1");
                ShardedDatabase db = SocialTestbed.open(config(shard, stopped, other));
                SocialRepository social = SocialRepository.create(db)) {
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(SocialTestbed.agent(social, "replicated"));
            }
            stopped.awaitReplay(Duration.ofSeconds(20));
            other.awaitReplay(Duration.ofSeconds(20));
            // The stopped standby is the first replica in the config: its pool's name, as the skip log gives it.
            String stoppedPool = db.health(ShardId.of(0)).replicas().get(0).poolName();
            int primaryPort = shard.server().port();
            int stoppedPort = stopped.server().port();
            int otherPort = other.server().port();
            Set<Integer> before = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                before.add(port(db, agents.get(0)));
            }
            assertThat(before).as("reads go to both replicas").containsExactlyInAnyOrder(stoppedPort, otherPort);

            Queue<Read> reads = new ConcurrentLinkedQueue<>();
            long stopBegin;
            long stopBeginMillis;
            long stopEnd;
            long restartBegin;
            long restartEnd;
            try (LoadLoop readers = new LoadLoop(READERS)) {
                for (int i = 0; i < READERS; i++) {
                    Random random = new Random(i);
                    readers.repeat(() -> read(db, social, agents, random, reads), Duration.ofMillis(1));
                }
                LoadLoop.pause(Duration.ofSeconds(1));
                stopBeginMillis = System.currentTimeMillis();
                stopBegin = System.nanoTime();
                stopped.stopServer();
                stopEnd = System.nanoTime();
                LoadLoop.pause(Duration.ofSeconds(4));
                restartBegin = System.nanoTime();
                stopped.startServer();
                restartEnd = System.nanoTime();
                LoadLoop.pause(RETRY_AFTER.plusSeconds(2));
                readers.finish(Duration.ofSeconds(30));
            }
            callPath.detachAppender(skips);

            List<Read> all = new ArrayList<>(reads);
            List<Read> errors = all.stream().filter(r -> r.error() != null).toList();
            List<Read> whileDown = all.stream()
                    .filter(r -> r.start() >= stopEnd && r.end() <= restartBegin)
                    .toList();
            List<Long> latencyWhileDown =
                    whileDown.stream().map(r -> r.end() - r.start()).toList();
            // Skips of the stopped replica, on the reads' clock (ns): the log's time is wall-clock ms.
            List<Long> skipsOfStopped = new ArrayList<>(skips.list)
                    .stream()
                            .filter(e -> e.getArgumentArray() != null
                                    && List.of(e.getArgumentArray()).contains(stoppedPool))
                            .map(e -> stopBegin + TimeUnit.MILLISECONDS.toNanos(e.getTimeStamp() - stopBeginMillis))
                            .sorted()
                            .toList();
            long detectedMillis =
                    skipsOfStopped.isEmpty() ? -1 : TimeUnit.NANOSECONDS.toMillis(skipsOfStopped.get(0) - stopBegin);
            long rejoined = all.stream()
                    .filter(r -> r.start() > stopEnd && r.port() == stoppedPort)
                    .mapToLong(Read::start)
                    .min()
                    .orElse(-1);
            long lastSkipBeforeRejoin = skipsOfStopped.stream()
                    .filter(t -> rejoined < 0 || t < rejoined)
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(-1);
            List<Read> askedWhileDown = whileDown.stream().filter(Read::asked).toList();

            ReliabilityFigures.of(2)
                    .put("replicas", 2)
                    .put("replication", "streaming")
                    .put("reads", all.size())
                    .put("readErrors", errors.size())
                    .put("readsWhileDown", whileDown.size())
                    .put(
                            "servedByOtherReplica",
                            whileDown.stream()
                                    .filter(r -> r.port() == otherPort)
                                    .count())
                    .put(
                            "servedByPrimary",
                            whileDown.stream()
                                    .filter(r -> r.port() == primaryPort)
                                    .count())
                    .put(
                            "servedByStopped",
                            whileDown.stream()
                                    .filter(r -> r.port() == stoppedPort)
                                    .count())
                    .put("detectedAfterMs", detectedMillis)
                    .put(
                            "readMaxMsWhileDown",
                            ReliabilityFigures.millis(ReliabilityFigures.percentile(latencyWhileDown, 100)))
                    .put(
                            "readP99MsWhileDown",
                            ReliabilityFigures.millis(ReliabilityFigures.percentile(latencyWhileDown, 99)))
                    .put("stopMs", TimeUnit.NANOSECONDS.toMillis(stopEnd - stopBegin))
                    .put(
                            "servesAgainAfterRestartMs",
                            rejoined < 0 ? "never" : TimeUnit.NANOSECONDS.toMillis(rejoined - restartBegin))
                    .put(
                            "servesAgainAfterLastSkipMs",
                            rejoined < 0 || lastSkipBeforeRejoin < 0
                                    ? "never"
                                    : TimeUnit.NANOSECONDS.toMillis(rejoined - lastSkipBeforeRejoin))
                    .put("restartMs", TimeUnit.NANOSECONDS.toMillis(restartEnd - restartBegin))
                    .put("replicaRetryAfterMs", RETRY_AFTER.toMillis())
                    .put("connectionTimeoutMs", CONNECTION_TIMEOUT.toMillis())
                    .report();

            assertThat(errors).as("reads that failed").isEmpty();
            assertThat(whileDown).as("reads while the replica was down").isNotEmpty();
            assertThat(askedWhileDown)
                    .as("reads while the replica was down that asked which server answered")
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.error()).as("the read failed").isNull();
                        assertThat(r.port())
                                .as("the server that answered (%s is the test's bookkeeping failing)", NOT_ASKED)
                                .isIn(otherPort, primaryPort);
                    });
            assertThat(askedWhileDown).as("reads answered by the other replica").anyMatch(r -> r.port() == otherPort);
            assertThat(skipsOfStopped)
                    .as("the stopped replica (pool %s) was found dead and skipped", stoppedPool)
                    .isNotEmpty();
            assertThat(rejoined).as("the restarted replica served reads again").isPositive();
            assertThat(rejoined - lastSkipBeforeRejoin)
                    .as(
                            "ns from the replica's last skip to its first read after the outage: not before the"
                                    + " retry period %s (less %s slack)",
                            RETRY_AFTER, RETRY_SLACK)
                    .isGreaterThanOrEqualTo(RETRY_AFTER.minus(RETRY_SLACK).toNanos());
        } finally {
            callPath.detachAppender(skips);
        }
    }

    /** Shard 0 on the test shard, reading from the two standbys (equal weights), pools of 8. */
    private static ShardkitConfig config(TestShard shard, ShardStandby... standbys) {
        PoolConfig pool = SocialTestbed.pool(CONNECTION_TIMEOUT);
        ShardConfig.Builder s = ShardConfig.builder(
                        0, "social_0", EndpointConfig.of(shard.jdbcUrl(), shard.user(), Secret.of(shard.password())))
                .pool(pool);
        for (ShardStandby standby : standbys) {
            s.replica(new ReplicaConfig(
                    EndpointConfig.of(standby.jdbcUrl(), standby.user(), Secret.of(standby.password())), 1));
        }
        return ShardkitConfig.builder()
                .idgen(IdGenConfig.builder().workerId(3).build())
                .replicaRetryAfter(RETRY_AFTER)
                .shard(s.build())
                .build();
    }

    /** Returns the port of the server that answers a read of the agent's row. */
    private static int port(ShardedDatabase db, Agent agent) {
        return db.withReadOnly(
                ShardKey.of(agent.id()),
                h -> h.createQuery("SELECT inet_server_port() FROM agent WHERE id = :id")
                        .bind("id", agent.id())
                        .mapTo(Integer.class)
                        .one());
    }

    /** A reader's round: reads an agent through the repository, or which server holds its row. */
    private static void read(
            ShardedDatabase db, SocialRepository social, List<Agent> agents, Random random, Queue<Read> reads) {
        Agent agent = agents.get(random.nextInt(agents.size()));
        boolean ask = random.nextBoolean();
        long start = System.nanoTime();
        try {
            int port = NOT_ASKED;
            if (ask) {
                port = port(db, agent);
            } else {
                assertThat(social.agent(agent.id()).handle()).isEqualTo(agent.handle());
            }
            reads.add(new Read(start, System.nanoTime(), ask, port, null));
        } catch (RuntimeException | AssertionError e) {
            reads.add(new Read(start, System.nanoTime(), ask, NOT_ASKED, e));
        }
    }
}
