package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    @Test
    void mix_isSplitMix64_matchesPublishedSeedZeroOutputs() {
        // splitmix64.c seeded with 0 returns mix(0), mix(gamma), mix(2 * gamma), ... (wrapping arithmetic).
        long[] published = {0xE220A8397B1DCDAFL, 0x6E789E6AA1B965F4L, 0x06C45D188009454FL, 0xF88BB8A8724C81ECL};
        long state = 0;
        for (long expected : published) {
            assertThat(KeyHash.mix(state)).isEqualTo(expected);
            state += GAMMA;
        }
    }

    @Test
    void hash_string_isXxHash64OfUtf8Bytes() {
        assertThat(KeyHash.hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(KeyHash.hash("Zürich")).isEqualTo(KeyHash.hash("Zürich".getBytes(StandardCharsets.UTF_8)));
        assertThat(KeyHash.hash(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
    }

    @Test
    @SuppressWarnings("NullAway") // the point of the test
    void hash_nullKey_throwsIllegalArgument() {
        assertThatThrownBy(() -> KeyHash.hash((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be null, but was null");
        assertThatThrownBy(() -> KeyHash.hash((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
    }
}
