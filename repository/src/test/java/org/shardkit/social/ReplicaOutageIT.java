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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).build();

    /** One read: when ({@code System.nanoTime}), the port of the server that answered, and its failure. */
    private record Read(
            long start, long end, int port, @Nullable Throwable error) {}

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
            int primaryPort = shard.server().port();
            int stoppedPort = stopped.server().port();
            int otherPort = other.server().port();
            Set<Integer> before = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                before.add(port(db, agents.get(0)));
            }
            assertThat(before).as("reads go to both replicas").containsExactlyInAnyOrder(stoppedPort, otherPort);

            Queue<Read> reads = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(READERS);
            for (int i = 0; i < READERS; i++) {
                Random random = new Random(i);
                readers.submit(() -> read(db, social, agents, random, running, reads));
            }
            long stopBegin;
            long stopBeginMillis;
            long stopEnd;
            long restartBegin;
            long restartEnd;
            try {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                stopBeginMillis = System.currentTimeMillis();
                stopBegin = System.nanoTime();
                stopped.stopServer();
                stopEnd = System.nanoTime();
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(4));
                restartBegin = System.nanoTime();
                stopped.startServer();
                restartEnd = System.nanoTime();
                LockSupport.parkNanos(RETRY_AFTER.toNanos() + TimeUnit.SECONDS.toNanos(2));
            } finally {
                running.set(false);
                readers.shutdown();
            }
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            callPath.detachAppender(skips);

            List<Read> all = new ArrayList<>(reads);
            List<Read> errors = all.stream().filter(r -> r.error() != null).toList();
            List<Read> whileDown = all.stream()
                    .filter(r -> r.start() >= stopEnd && r.end() <= restartBegin)
                    .toList();
            List<Long> latencyWhileDown =
                    whileDown.stream().map(r -> r.end() - r.start()).toList();
            List<ILoggingEvent> skipsOfStopped = new ArrayList<>(skips.list)
                    .stream()
                            .filter(e -> e.getFormattedMessage().contains("replica-0 skipped"))
                            .toList();
            long detectedMillis =
                    skipsOfStopped.isEmpty() ? -1 : skipsOfStopped.get(0).getTimeStamp() - stopBeginMillis;
            long rejoined = all.stream()
                    .filter(r -> r.end() > restartBegin && r.port() == stoppedPort)
                    .mapToLong(Read::end)
                    .min()
                    .orElse(-1);

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
                    .put("restartMs", TimeUnit.NANOSECONDS.toMillis(restartEnd - restartBegin))
                    .put("replicaRetryAfterMs", RETRY_AFTER.toMillis())
                    .put("connectionTimeoutMs", CONNECTION_TIMEOUT.toMillis())
                    .report();

            assertThat(errors).as("reads that failed").isEmpty();
            assertThat(whileDown).as("reads while the replica was down").isNotEmpty();
            assertThat(whileDown).as("no read answered by the stopped replica").noneMatch(r -> r.port() == stoppedPort);
            assertThat(whileDown).as("reads answered by the other replica").anyMatch(r -> r.port() == otherPort);
            assertThat(skipsOfStopped)
                    .as("the stopped replica was found dead and skipped")
                    .isNotEmpty();
            assertThat(rejoined).as("the restarted replica served reads again").isPositive();
        } finally {
            callPath.detachAppender(skips);
        }
    }

    /** Shard 0 on the test shard, reading from the two standbys (equal weights), pools of 8. */
    private static ShardkitConfig config(TestShard shard, ShardStandby... standbys) {
        PoolConfig pool = PoolConfig.builder()
                .maximumSize(8)
                .minimumIdle(0)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .build();
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

    /** A reader: alternately reads an agent through the repository and which server holds its row, until stopped. */
    private static void read(
            ShardedDatabase db,
            SocialRepository social,
            List<Agent> agents,
            Random random,
            AtomicBoolean running,
            Queue<Read> reads) {
        while (running.get()) {
            Agent agent = agents.get(random.nextInt(agents.size()));
            long start = System.nanoTime();
            try {
                int port = -1;
                if (random.nextBoolean()) {
                    assertThat(social.agent(agent.id()).handle()).isEqualTo(agent.handle());
                } else {
                    port = port(db, agent);
                }
                reads.add(new Read(start, System.nanoTime(), port, null));
            } catch (RuntimeException | AssertionError e) {
                reads.add(new Read(start, System.nanoTime(), -1, e));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
