package org.shardkit.core.idgen;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.idgen.IdLayout;
import org.shardkit.idgen.WorkerIdLeaseLostException;
import org.shardkit.idgen.WorkerIdUnavailableException;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdLease;
import org.shardkit.testing.ChildJvm;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The child process of {@link WorkerIdProcessesIT}: leases a worker id from PostgreSQL or Redis
 * (waiting while none is free) and writes the IDs it issues to {@code <out>-<lease>.bin}, binary
 * longs, with {@code <out>-<lease>.properties} beside it (worker id, the floor the lease started from,
 * counts and times). Two modes:
 *
 * <ul>
 *   <li>{@code count=N}: prints {@code leased}, waits for {@code go} on its standard input, issues N
 *       IDs as fast as it can, releases the lease and exits 0.
 *   <li>{@code hold}: issues IDs at about 100 a millisecond until {@code stop} arrives; a lost lease
 *       ({@link WorkerIdLeaseLostException}) ends that lease's file, and it leases again.
 * </ul>
 *
 * It prints {@code running lease <n>} once a lease has issued 50 000 IDs, and {@code lost lease <n>}
 * when one is lost.
 */
public final class IdWriter {
    private static final int RUNNING_AFTER = 50_000;

    private final Properties p;
    private final WorkerIdAssigner assigner;
    private final IdLayout layout;
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile boolean stop;

    private IdWriter(Properties p, WorkerIdAssigner assigner) {
        this.p = p;
        this.assigner = assigner;
        this.layout = layout(Integer.parseInt(p.getProperty("workerBits")));
    }

    /** The default layout with {@code workerBits} worker bits, the sequence taking the rest. */
    static IdLayout layout(int workerBits) {
        return new IdLayout(
                IdLayout.DEFAULT_TIMESTAMP_BITS,
                workerBits,
                IdLayout.PAYLOAD_BITS - IdLayout.DEFAULT_TIMESTAMP_BITS - workerBits,
                IdLayout.DEFAULT_EPOCH);
    }

    public static void main(String[] args) throws Exception {
        Properties p = ChildJvm.handedOver(args);
        LeaseAssignerBuilder<? extends WorkerIdAssigner> builder;
        AutoCloseable client;
        if (p.getProperty("store").equals("postgres")) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(p.getProperty("url"));
            pool.setUsername(p.getProperty("user"));
            pool.setPassword(p.getProperty("password"));
            pool.setMaximumPoolSize(2);
            client = pool;
            builder = PostgresWorkerIdAssigner.builder(pool, p.getProperty("table"));
        } else {
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
            if (!p.getProperty("password").isEmpty()) {
                config.password(p.getProperty("password"));
            }
            JedisPooled redis = new JedisPooled(
                    new HostAndPort(p.getProperty("host"), Integer.parseInt(p.getProperty("port"))), config.build());
            client = redis;
            builder = RedisWorkerIdAssigner.builder(redis, p.getProperty("prefix"));
        }
        WorkerIdAssigner assigner = builder.leaseTtl(millis(p, "ttl"))
                .renewInterval(millis(p, "renew"))
                .safetyMargin(millis(p, "margin"))
                .build();
        IdWriter writer = new IdWriter(p, assigner);
        Thread commands = new Thread(writer::readCommands, "commands");
        commands.setDaemon(true);
        commands.start();
        if (p.containsKey("count")) {
            writer.count(Integer.parseInt(p.getProperty("count")));
        } else {
            writer.hold();
        }
        ((AutoCloseable) assigner).close();
        client.close();
        System.exit(0); // the assigner's renewal thread is a daemon, but exit at once all the same
    }

    private static Duration millis(Properties p, String key) {
        return Duration.ofMillis(Long.parseLong(p.getProperty(key)));
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("go")) {
                    go.countDown();
                } else if (line.equals("stop")) {
                    stop = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Issues {@code n} IDs into memory as fast as it can, then writes them: the rate is the generator's. */
    private void count(int n) throws Exception {
        Lease lease = lease(1);
        if (lease == null) {
            return;
        }
        go.await();
        long[] ids = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ids[i] = lease.generator.nextId();
        }
        long nanos = System.nanoTime() - start;
        lease.generator.close();
        try (DataOutputStream out = lease.open()) {
            for (long id : ids) {
                out.writeLong(id);
            }
        }
        lease.result.setProperty("issued", String.valueOf(n));
        lease.result.setProperty("nanos", String.valueOf(nanos));
        lease.save();
    }

    /** Issues IDs, paced, until told to stop; leases again after a loss. */
    private void hold() throws Exception {
        for (int n = 1; !stop; n++) {
            Lease lease = lease(n);
            if (lease == null) {
                return;
            }
            long issued = 0;
            try (DataOutputStream out = lease.open()) {
                while (!stop) {
                    for (int i = 0; i < 100; i++) {
                        out.writeLong(lease.generator.nextId());
                        if (++issued == RUNNING_AFTER) {
                            System.out.println("running lease " + n);
                        }
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            } catch (WorkerIdLeaseLostException e) {
                lease.result.setProperty("lostAt", String.valueOf(System.currentTimeMillis()));
                System.out.println("lost lease " + n + ": " + e.getMessage());
            }
            lease.generator.close(); // releases the lease if still held; a lost one is not touched
            lease.result.setProperty("issued", String.valueOf(issued));
            lease.save();
        }
    }

    /** Leases a worker id, trying every 20 ms while none is free; null if told to stop meanwhile. */
    private @Nullable Lease lease(int n) {
        Recorder recorder = new Recorder(assigner);
        long start = System.currentTimeMillis();
        while (!stop) {
            try {
                IdGenerator generator = IdGenerator.builder()
                        .layout(layout)
                        .workerIdAssigner(recorder)
                        .build();
                System.out.println("leased worker " + generator.workerId() + " for lease " + n);
                return new Lease(n, generator, recorder.floor(), start);
            } catch (WorkerIdUnavailableException e) {
                LockSupport.parkNanos(20_000_000);
            }
        }
        return null;
    }

    /** The assigner, keeping the lease it returns: its floor, the last timestamp of the worker id's earlier holder. */
    private static final class Recorder implements WorkerIdAssigner {
        private final WorkerIdAssigner delegate;
        private @Nullable WorkerIdLease lease;

        Recorder(WorkerIdAssigner delegate) {
            this.delegate = delegate;
        }

        @Override
        public WorkerIdLease acquire(long maxWorkerId, Clock clock) {
            WorkerIdLease l = delegate.acquire(maxWorkerId, clock);
            lease = l;
            return l;
        }

        long floor() {
            WorkerIdLease l = lease;
            return l == null ? WorkerIdLease.NO_TIMESTAMP : l.lastTimestampMillis();
        }
    }

    /** One lease: its generator, and the file and properties it fills. */
    private final class Lease {
        final IdGenerator generator;
        final Properties result = new Properties();
        final String name;

        Lease(int n, IdGenerator generator, long floor, long waitStart) {
            this.generator = generator;
            this.name = p.getProperty("out") + "-" + n;
            long now = System.currentTimeMillis();
            result.setProperty("workerId", String.valueOf(generator.workerId()));
            result.setProperty("floor", String.valueOf(floor));
            result.setProperty("leasedAt", String.valueOf(now));
            result.setProperty("waitedMillis", String.valueOf(now - waitStart));
        }

        DataOutputStream open() throws IOException {
            return new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(Path.of(name + ".bin")), 1 << 16));
        }

        void save() throws IOException {
            try (OutputStream out = Files.newOutputStream(Path.of(name + ".properties"))) {
                result.store(out, null);
            }
        }
    }
}
