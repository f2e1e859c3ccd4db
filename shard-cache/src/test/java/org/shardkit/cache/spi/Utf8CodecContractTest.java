package org.shardkit.cache.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardkit.cache.ValueCodecContract;

/**
 * A codec outside the contract's package, as an implementer's would be: the contract's tests must be
 * inherited from here, and its hooks overridable.
 */
class Utf8CodecContractTest extends ValueCodecContract<String> {
    private final ValueCodec<String> codec = new ValueCodec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    @Override
    protected ValueCodec<String> codec() {
        return codec;
    }

    @Override
    protected List<String> samples() {
        return List.of("", "Ada", "Zo\u00eb \u6f22\ud83d\ude00", "x".repeat(100_000));
    }

    @Test
    void contract_testMethods_arePublicSoEveryPackageInheritsThem() {
        List<Method> tests = Arrays.stream(ValueCodecContract.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .toList();

        assertThat(tests)
                .hasSize(5)
                .allSatisfy(m -> assertThat(Modifier.isPublic(m.getModifiers()))
                        .as(m.getName())
                        .isTrue());
        assertThat(Modifier.isPublic(ValueCodecContract.class.getModifiers())).isTrue();
    }
}
