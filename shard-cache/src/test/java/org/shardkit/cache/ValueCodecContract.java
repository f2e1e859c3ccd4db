package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardkit.cache.spi.ValueCodec;

/**
 * The contract every {@link ValueCodec} meets, as an abstract JUnit 5 test: a codec's test extends
 * this class, supplies the codec and sample values, and inherits every test (round trip, decoding a
 * range of a larger buffer, equal bytes for equal values, never null, use from many threads).
 *
 * <p>Outside this project, it comes in shard-cache's test jar, which brings only this class: add
 * JUnit 5 and AssertJ to the test classpath beside it.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.shardkit</groupId>
 *   <artifactId>shard-cache</artifactId>
 *   <version>${shardkit.version}</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>Then, in any package:
 *
 * <pre>{@code
 * class AgentProtobufCodecTest extends ValueCodecContract<Agent> {
 *     private final AgentProtobufCodec codec = new AgentProtobufCodec();
 *
 *     @Override
 *     protected ValueCodec<Agent> codec() {
 *         return codec;
 *     }
 *
 *     @Override
 *     protected List<Agent> samples() {
 *         return List.of(new Agent(0, ""), new Agent(1, "Zoë"), new Agent(2, "x".repeat(100_000)));
 *     }
 * }
 * }</pre>
 *
 * <p>Add codec-specific cases as further {@code @Test} methods of the subclass. Several codecs of one
 * family can share a test class as {@code @Nested} inner classes that each extend this one. JUnit
 * makes a new instance per test; the hooks may be called many times, from several threads in
 * {@link #codec_usedFromManyThreads_staysCorrect()}, so return the same codec each time.
 *
 * @param <V> the value type
 */
public abstract class ValueCodecContract<V> {

    /** For subclasses. */
    protected ValueCodecContract() {}

    /**
     * Returns the codec under test.
     *
     * @return the codec; the same instance on every call
     */
    protected abstract ValueCodec<V> codec();

    /**
     * Returns values covering the type's edge cases (empty, non-ASCII, large).
     *
     * @return at least one value, none null
     */
    protected abstract List<V> samples();

    /** Every sample survives {@code decode(encode(v))}. */
    @Test
    public void decode_ofEncode_returnsEqualValue() {
        for (V value : samples()) {
            assertThat(codec().decode(codec().encode(value))).isEqualTo(value);
        }
    }

    /** Decoding the encoded bytes from inside a larger buffer, as the cache does, gives the sample back. */
    @Test
    public void decode_rangeOfLargerBuffer_returnsEqualValue() {
        for (V value : samples()) {
            byte[] encoded = codec().encode(value);
            byte[] buffer = new byte[encoded.length + 3];
            System.arraycopy(encoded, 0, buffer, 1, encoded.length);
            buffer[0] = 7;
            buffer[buffer.length - 1] = 9;
            assertThat(codec().decode(buffer, 1, encoded.length)).isEqualTo(value);
        }
    }

    /** Encoding is deterministic: the same value twice gives the same bytes. */
    @Test
    public void encode_sameValueTwice_sameBytes() {
        for (V value : samples()) {
            assertThat(codec().encode(value)).isEqualTo(codec().encode(value));
        }
    }

    /** {@code encode} never returns null. */
    @Test
    public void encode_anyValue_neverNull() {
        for (V value : samples()) {
            assertThat(codec().encode(value)).isNotNull();
        }
    }

    /** One codec used from four threads at once still round-trips every sample. */
    @Test
    public void codec_usedFromManyThreads_staysCorrect() throws InterruptedException {
        List<V> values = samples();
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                boolean allEqual = true;
                for (int i = 0; i < 200; i++) {
                    V value = values.get(i % values.size());
                    allEqual &= codec().decode(codec().encode(value)).equals(value);
                }
                ok[index] = allEqual;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ok).containsOnly(true);
    }
}
