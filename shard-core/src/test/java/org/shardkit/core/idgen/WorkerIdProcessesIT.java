package org.shardkit.core.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shardkit.idgen.IdLayout;
import org.shardkit.testing.ChildJvm;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestRedis;
import org.shardkit.testing.TestShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker-id leases across real processes ({@link IdWriter} children), from PostgreSQL and from
 * Redis: two processes leasing from the same store issue 5 million IDs each with no duplicate; and a
 * holder frozen with {@code SIGSTOP} past its lease issues nothing stamped after its deadline, loses
 * the lease when thawed and issues again only under a new one, while the holder that took its worker
 * id meanwhile starts after that deadline.
 */
@Tag("reliability")
class WorkerIdProcessesIT {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerIdProcessesIT.class);
    private static final int PER_PROCESS = 5_000_000;
    private static final Duration STEP = Duration.ofSeconds(60);
    /**
     * Lease timings short enough for a test of seconds, long enough for a loaded 2-core machine: a
     * renewal every 500 ms, a deadline 2 s after each, expiry in the store after 3 s.
     */
    private static final Duration TTL = Duration.ofSeconds(3);

    private static final Duration RENEW = Duration.ofMillis(500);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).redis().build();

    @TempDir
    Path dir;

    /** Where the leases live. */
    enum Store {
        POSTGRES,
        REDIS
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void twoProcesses_fiveMillionIdsEach_noDuplicate(Store store) throws Exception {
        Properties p = handOver(store, IdLayout.DEFAULT_WORKER_BITS);
        p.setProperty("count", String.valueOf(PER_PROCESS));
        try (ChildJvm a = start(p, "a");
                ChildJvm b = start(p, "b")) {
            // Both hold their lease before either issues an ID.
            a.awaitLog("leased worker", STEP);
            b.awaitLog("leased worker", STEP);
            a.send("go");
            b.send("go");
            assertThat(a.awaitExit(STEP)).as("see %s", a.log()).isZero();
            assertThat(b.awaitExit(STEP)).as("see %s", b.log()).isZero();
        }
        Properties ra = result("a-1");
        Properties rb = result("b-1");
        assertThat(ra.getProperty("workerId")).isNotEqualTo(rb.getProperty("workerId"));
        long[] ids = ids("a-1", "b-1");
        assertThat(ids).hasSize(2 * PER_PROCESS);
        assertThat(duplicates(ids))
                .as("duplicates among 2 x %d IDs", PER_PROCESS)
                .isZero();
        LOG.info(
                "{}: 2 x {} IDs, 0 duplicates; IDs per second per process: {} (worker {}), {} (worker {})",
                store,
                PER_PROCESS,
                perSecond(ra),
                ra.getProperty("workerId"),
                perSecond(rb),
                rb.getProperty("workerId"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGSTOP and SIGCONT need the kill command")
    void frozenPastItsLease_issuesNothingUntilLeasedAgain_andTheNextHolderNeverRepeatsItsIds(Store store)
            throws Exception {
        // No worker bits: one worker id, so the next process can only take the frozen one's.
        Properties p = handOver(store, 0);
        long frozenAt;
        long thawedAt;
        try (ChildJvm frozen = start(p, "frozen")) {
            frozen.awaitLog("running lease 1", STEP);
            frozen.freeze();
            frozenAt = System.currentTimeMillis();
            try (ChildJvm next = start(p, "next")) {
                next.awaitLog("running lease 1", STEP); // it waited for the frozen one's lease to expire
                frozen.thaw();
                thawedAt = System.currentTimeMillis();
                // Its first nextId() after the thaw finds the deadline passed (or the heartbeat finds the
                // lease taken): seconds of issuing instead would be the bug.
                frozen.awaitLog("lost lease 1", Duration.ofSeconds(10));
                next.send("stop");
                assertThat(next.awaitExit(STEP)).as("see %s", next.log()).isZero();
            }
            frozen.awaitLog("running lease 2", STEP); // leased again once the next holder released it
            frozen.send("stop");
            assertThat(frozen.awaitExit(STEP)).as("see %s", frozen.log()).isZero();
        }
        Properties before = result("frozen-1");
        Properties taken = result("next-1");
        Properties again = result("frozen-2");
        long[] frozenIds = ids("frozen-1");
        long[] nextIds = ids("next-1");
        long[] againIds = ids("frozen-2");
        long deadline = millis(taken, "floor"); // the frozen holder's last deadline, as the store kept it

        assertThat(frozenIds).isNotEmpty();
        assertThat(timestamp(frozenIds[frozenIds.length - 1]))
                .as("the frozen holder's last ID is stamped at or before the deadline it stored")
                .isLessThanOrEqualTo(deadline)
                .as("and before it was thawed: it issued nothing once resumed")
                .isLessThan(thawedAt);
        assertThat(millis(before, "lostAt"))
                .as("it learned of the loss after the thaw")
                .isGreaterThanOrEqualTo(thawedAt);
        assertThat(timestamp(nextIds[0]))
                .as("the next holder's first ID comes after that deadline")
                .isGreaterThan(deadline);
        assertThat(millis(again, "floor"))
                .as("leased again, the formerly frozen holder starts after the next holder's last ID")
                .isGreaterThanOrEqualTo(timestamp(nextIds[nextIds.length - 1]));
        assertThat(timestamp(againIds[0])).isGreaterThan(millis(again, "floor"));
        long[] all = ids("frozen-1", "next-1", "frozen-2");
        assertThat(duplicates(all)).as("duplicates among %d IDs", all.length).isZero();
        LOG.info(
                "{}: frozen {} ms (lease expiry {} ms after a renewal); the next holder waited {} ms for the worker id; the"
                        + " thawed holder failed with WorkerIdLeaseLostException {} ms after SIGCONT and issued"
                        + " again {} ms after SIGCONT (once the next holder released); IDs {} + {} + {}, 0 duplicates",
                store,
                thawedAt - frozenAt,
                TTL.toMillis(),
                taken.getProperty("waitedMillis"),
                millis(before, "lostAt") - thawedAt,
                millis(again, "leasedAt") - thawedAt,
                frozenIds.length,
                nextIds.length,
                againIds.length);
    }

    /** What every child gets: where the store is, a key space of this test's own, the lease timings. */
    private Properties handOver(Store store, int workerBits) {
        Properties p = new Properties();
        String keyspace = "w" + UUID.randomUUID().toString().replace("-", "");
        if (store == Store.POSTGRES) {
            TestShard s = servers.shard(0);
            p.setProperty("store", "postgres");
            p.setProperty("url", s.jdbcUrl());
            p.setProperty("user", s.user());
            p.setProperty("password", s.password());
            p.setProperty("table", keyspace);
        } else {
            TestRedis r = servers.redis();
            p.setProperty("store", "redis");
            p.setProperty("host", r.host());
            p.setProperty("port", String.valueOf(r.port()));
            p.setProperty("password", r.password());
            p.setProperty("prefix", r.keyPrefix() + keyspace + ":");
        }
        p.setProperty("ttl", String.valueOf(TTL.toMillis()));
        p.setProperty("renew", String.valueOf(RENEW.toMillis()));
        p.setProperty("margin", String.valueOf(MARGIN.toMillis()));
        p.setProperty("workerBits", String.valueOf(workerBits));
        return p;
    }

    private ChildJvm start(Properties p, String name) throws IOException {
        p.setProperty("out", dir.resolve(name).toString());
        return ChildJvm.start(IdWriter.class, p, dir, name, "-Xmx256m");
    }

    private Properties result(String lease) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(lease + ".properties"))) {
            p.load(in);
        }
        return p;
    }

    /** The IDs of the leases' files, in one array. */
    private long[] ids(String... leases) throws IOException {
        long bytes = 0;
        for (String lease : leases) {
            bytes += Files.size(dir.resolve(lease + ".bin"));
        }
        long[] ids = new long[Math.toIntExact(bytes / Long.BYTES)];
        int at = 0;
        for (String lease : leases) {
            try (FileChannel ch = FileChannel.open(dir.resolve(lease + ".bin"))) {
                int n = Math.toIntExact(ch.size() / Long.BYTES);
                ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())
                        .order(ByteOrder.BIG_ENDIAN) // DataOutputStream's order
                        .asLongBuffer()
                        .get(ids, at, n);
                at += n;
            }
        }
        return ids;
    }

    /** Sorts the IDs and counts those equal to the one before. */
    private static long duplicates(long[] ids) {
        Arrays.sort(ids);
        long duplicates = 0;
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** The millisecond an ID of the one-worker layout was issued in. */
    private static long timestamp(long id) {
        return IdWriter.layout(0).decode(id).timestamp().toEpochMilli();
    }

    private static long millis(Properties p, String key) {
        return Long.parseLong(p.getProperty(key));
    }

    private static long perSecond(Properties p) {
        return millis(p, "issued") * 1_000_000_000L / millis(p, "nanos");
    }
}
