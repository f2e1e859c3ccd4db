package org.shardkit.benchmarks;

import cn.hutool.core.lang.Snowflake;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.shardkit.idgen.IdGenerator;

/**
 * Throughput of one shared ID generator: shardkit's lock-free {@link IdGenerator} beside Hutool's
 * {@code synchronized} {@link Snowflake}, both with the 41/10/12 layout and the system clock.
 *
 * <p>Both are capped by the layout at 4,096 IDs per millisecond, i.e. 4.096M ops/s per generator,
 * however many threads call them; the benchmark shows how close each gets to that cap and how it
 * holds up when two threads contend. Run at one and at two threads:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar IdGeneratorBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1
 * java -jar benchmarks/target/benchmarks.jar IdGeneratorBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -t 2
 * </pre>
 *
 * <p>Not thread-safe as a class; JMH shares one instance of the state among its threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdGeneratorBenchmark {

    private IdGenerator shardkit;
    private Snowflake hutool;

    /** Creates the benchmark; JMH calls this. */
    public IdGeneratorBenchmark() {}

    /** Creates both generators with worker id 1. */
    @Setup
    public void setUp() {
        shardkit = IdGenerator.builder().workerId(1).build();
        // Hutool's 5 + 5 bits of worker and data centre make our 10 worker bits; false = System.currentTimeMillis().
        hutool = new Snowflake(1, 0, false);
    }

    /** Releases shardkit's worker id. */
    @TearDown
    public void tearDown() {
        shardkit.close();
    }

    /**
     * Issues one ID from shardkit's generator.
     *
     * @return the ID, consumed by JMH
     */
    @Benchmark
    public long shardkitNextId() {
        return shardkit.nextId();
    }

    /**
     * Issues one ID from Hutool's {@code Snowflake}.
     *
     * @return the ID, consumed by JMH
     */
    @Benchmark
    public long hutoolNextId() {
        return hutool.nextId();
    }
}
