package org.shardkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * The raw baseline every shardkit read path is judged against: a prepared primary-key SELECT with
 * plain pgjdbc on one embedded PostgreSQL 15 server, over a 100,000-row table, one connection.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RawJdbcBenchmark -f 1 -wi 3 -i 5}.
 *
 * <p>Beware the idle-CPU trap (see {@code shared/BASELINES.md}): single-connection round trips are
 * up to 3x slower on an idle machine. Compare shardkit and this baseline in one run, and say
 * whether the other core was busy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RawJdbcBenchmark {
    private static final int ROWS = 100_000;

    private ShardCluster cluster;
    private Connection connection;
    private PreparedStatement select;
    private final SplittableRandom random = new SplittableRandom(42);

    /** Starts the server, loads the table and prepares the statement. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(1)
                .start();
        connection = cluster.server(0).dataSource().getConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE agent (id bigint PRIMARY KEY, shard_key bigint NOT NULL, name text NOT NULL)");
            st.execute("INSERT INTO agent SELECT g, g * 7, 'agent-' || g FROM generate_series(1, " + ROWS + ") g");
            st.execute("ANALYZE agent");
        }
        select = connection.prepareStatement("SELECT id, shard_key, name FROM agent WHERE id = ?");
    }

    /** Stops the server and deletes its data. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        select.close();
        connection.close();
        cluster.close();
    }

    /**
     * One primary-key lookup of a random row through a prepared statement.
     *
     * @return the row's name, so the JIT cannot drop the work
     * @throws SQLException if the server fails
     */
    @Benchmark
    public String rawPgjdbcPkSelect() throws SQLException {
        select.setLong(1, 1 + random.nextInt(ROWS));
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getString(3);
        }
    }
}
