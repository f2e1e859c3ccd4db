package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shardkit.cache.spi.ValueCodec;

class JsonCodecTest {
    record Agent(long id, String name, List<String> tags) {}

    @Nested
    class RecordValues extends ValueCodecContract<Agent> {
        private final JsonCodec<Agent> codec = JsonCodec.of(Agent.class);

        @Override
        protected ValueCodec<Agent> codec() {
            return codec;
        }

        @Override
        protected List<Agent> samples() {
            return List.of(
                    new Agent(0, "", List.of()),
                    new Agent(Long.MAX_VALUE, "Ada \u00e9\u6f22\ud83d\ude00", List.of("a", "\"quoted\"")),
                    new Agent(-1, "x".repeat(100_000), List.of("big")));
        }
    }

    @Nested
    class GenericValues extends ValueCodecContract<List<Map<String, Integer>>> {
        private final JsonCodec<List<Map<String, Integer>>> codec =
                JsonCodec.of(new ObjectMapper(), new TypeReference<List<Map<String, Integer>>>() {});

        @Override
        protected ValueCodec<List<Map<String, Integer>>> codec() {
            return codec;
        }

        @Override
        protected List<List<Map<String, Integer>>> samples() {
            return List.of(List.of(), List.of(Map.of("a", 1)), List.of(Map.of(), Map.of("b", -2, "c", 3)));
        }
    }

    @Test
    void decode_notJson_throwsNamingTypeAndLength() {
        JsonCodec<Agent> codec = JsonCodec.of(Agent.class);
        assertThatThrownBy(() -> codec.decode("{nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot decode 5 bytes as JSON")
                .hasMessageContaining("Agent");
    }

    @Test
    void decode_jsonNull_throws() {
        JsonCodec<Agent> codec = JsonCodec.of(Agent.class);
        assertThatThrownBy(() -> codec.decode("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void encode_record_isPlainJson() {
        assertThat(new String(JsonCodec.of(Agent.class).encode(new Agent(1, "a", List.of())), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"name\":\"a\",\"tags\":[]}");
    }
}
