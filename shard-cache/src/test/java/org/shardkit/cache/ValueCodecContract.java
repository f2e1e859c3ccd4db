package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardkit.cache.spi.ValueCodec;

/**
 * The contract every {@link ValueCodec} meets; a codec's test extends this class and supplies the
 * codec and sample values.
 *
 * @param <V> the value type
 */
abstract class ValueCodecContract<V> {

    /** Returns the codec under test. */
    abstract ValueCodec<V> codec();

    /** Returns values covering the type's edge cases (empty, non-ASCII, large). */
    abstract List<V> samples();

    @Test
    void decode_ofEncode_returnsEqualValue() {
        for (V value : samples()) {
            assertThat(codec().decode(codec().encode(value))).isEqualTo(value);
        }
    }

    @Test
    void decode_rangeOfLargerBuffer_returnsEqualValue() {
        for (V value : samples()) {
            byte[] encoded = codec().encode(value);
            byte[] buffer = new byte[encoded.length + 3];
            System.arraycopy(encoded, 0, buffer, 1, encoded.length);
            buffer[0] = 7;
            buffer[buffer.length - 1] = 9;
            assertThat(codec().decode(buffer, 1, encoded.length)).isEqualTo(value);
        }
    }

    @Test
    void encode_sameValueTwice_sameBytes() {
        for (V value : samples()) {
            assertThat(codec().encode(value)).isEqualTo(codec().encode(value));
        }
    }

    @Test
    void encode_anyValue_neverNull() {
        for (V value : samples()) {
            assertThat(codec().encode(value)).isNotNull();
        }
    }

    @Test
    void codec_usedFromManyThreads_staysCorrect() throws InterruptedException {
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
