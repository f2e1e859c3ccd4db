package org.shardkit.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference vectors of XXH64. The sanity-buffer vectors are those of the reference implementation's self-test
 * ({@code xxhsum.c}, "sanity check", {@code SANITY_BUFFER_SIZE} 101); the text vectors are the widely published ones.
 */
class XxHash64Test {

    private static final long PRIME32 = 2654435761L;

    /** The reference self-test buffer: {@code byteGen = PRIME32; buf[i] = byteGen >> 24; byteGen *= byteGen} (32-bit). */
    private static byte[] sanityBuffer() {
        byte[] buffer = new byte[101];
        long gen = PRIME32;
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) (gen >>> 24);
            gen = (gen * gen) & 0xFFFF_FFFFL;
        }
        return buffer;
    }

    @Test
    void hash_sanityBuffer_matchesReferenceSelfTest() {
        byte[] buffer = sanityBuffer();
        assertThat(XxHash64.hash(buffer, 0, 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(XxHash64.hash(buffer, 0, 0, PRIME32)).isEqualTo(0xAC75FDA2929B17EFL);
        assertThat(XxHash64.hash(buffer, 0, 1, 0)).isEqualTo(0x4FCE394CC88952D8L);
        assertThat(XxHash64.hash(buffer, 0, 1, PRIME32)).isEqualTo(0x739840CB819FA723L);
        assertThat(XxHash64.hash(buffer, 0, 14, 0)).isEqualTo(0xCFFA8DB881BC3A3DL);
        assertThat(XxHash64.hash(buffer, 0, 14, PRIME32)).isEqualTo(0x5B9611585EFCC9CBL);
        assertThat(XxHash64.hash(buffer, 0, 101, 0)).isEqualTo(0x0EAB543384F878ADL);
        assertThat(XxHash64.hash(buffer, 0, 101, PRIME32)).isEqualTo(0xCAA65939306F1E21L);
    }

    @Test
    void hash_publishedTextVectors_match() {
        assertThat(hash("")).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(hash("a")).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(hash("Nobody inspects the spammish repetition")).isEqualTo(0xFBCEA83C8A378BF1L);
    }

    @Test
    void hash_offsetRange_equalsHashOfCopy() {
        byte[] buffer = sanityBuffer();
        byte[] copy = Arrays.copyOfRange(buffer, 3, 3 + 40);
        assertThat(XxHash64.hash(buffer, 3, 40, 0)).isEqualTo(XxHash64.hash(copy, 0));
    }

    private static long hash(String text) {
        return XxHash64.hash(text.getBytes(StandardCharsets.UTF_8), 0);
    }
}
