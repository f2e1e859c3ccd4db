package org.shardkit.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.shardkit.cache.spi.ValueCodec;

/**
 * The default codec: JSON through Jackson, with a reader and writer bound to the value type once.
 *
 * <pre>{@code
 * ValueCodec<Agent> agents = JsonCodec.of(Agent.class);
 * ValueCodec<List<Post>> feed = JsonCodec.of(new ObjectMapper(), new TypeReference<List<Post>>() {});
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <V> the value type
 */
public final class JsonCodec<V> implements ValueCodec<V> {
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final JavaType type;

    private JsonCodec(ObjectMapper mapper, JavaType type) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /**
     * Returns a codec for {@code type} using a plain {@link ObjectMapper} (records and Java beans
     * work; register modules through {@link #of(ObjectMapper, Class)} for more).
     *
     * @param type the value class
     * @param <V> the value type
     * @return the codec
     */
    public static <V> JsonCodec<V> of(Class<V> type) {
        return of(new ObjectMapper().findAndRegisterModules(), type);
    }

    /**
     * Returns a codec for {@code type} using {@code mapper}.
     *
     * @param mapper the mapper; it must not be reconfigured afterwards
     * @param type the value class
     * @param <V> the value type
     * @return the codec
     */
    public static <V> JsonCodec<V> of(ObjectMapper mapper, Class<V> type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return new JsonCodec<>(mapper, mapper.constructType(type));
    }

    /**
     * Returns a codec for a generic type such as {@code List<Post>}.
     *
     * @param mapper the mapper; it must not be reconfigured afterwards
     * @param type the value type
     * @param <V> the value type
     * @return the codec
     */
    public static <V> JsonCodec<V> of(ObjectMapper mapper, TypeReference<V> type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return new JsonCodec<>(mapper, mapper.constructType(type));
    }

    /**
     * Encodes a value as UTF-8 JSON.
     *
     * @throws IllegalArgumentException if Jackson cannot serialize the value
     */
    @Override
    public byte[] encode(V value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode a " + value.getClass().getName() + " as JSON " + type + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /**
     * Decodes UTF-8 JSON.
     *
     * @throws UncheckedIOException if the bytes are not JSON of the type
     */
    @Override
    public V decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes UTF-8 JSON from a range of {@code bytes}, without copying it.
     *
     * @throws UncheckedIOException if the bytes are not JSON of the type
     */
    @Override
    public V decode(byte[] bytes, int offset, int length) {
        try {
            V value = reader.readValue(bytes, offset, length);
            if (value == null) {
                throw new UncheckedIOException(new IOException("JSON null is not a value of " + type));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + length + " bytes as JSON " + type, e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type + "]";
    }
}
