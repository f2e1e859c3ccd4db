package org.shardkit.core.writequeue;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.JournalSettings;

/**
 * Builds a {@link WriteQueue}: its name, settings, journal, failure listener, meters and ticker; from
 * {@link WriteQueue#builder(WriteSink)}. Not thread-safe.
 *
 * @param <T> the write type
 */
public final class WriteQueueBuilder<T> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    final WriteSink<T> sink;
    String name = "writes";
    WriteQueueConfig config = WriteQueueConfig.defaults();

    @Nullable
    JournalSettings journalSettings;

    @Nullable
    JournalCodec<T> codec;

    BiConsumer<T, Throwable> onFailure = (write, failure) -> {};
    LongSupplier ticker = System::nanoTime;

    @Nullable
    MeterRegistry registry;

    WriteQueueBuilder(WriteSink<T> sink) {
        this.sink = sink;
    }

    /** Sets the name, {@code [A-Za-z0-9_.-]{1,64}}; {@code writes} by default. */
    public WriteQueueBuilder<T> name(String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "name must match " + NAME.pattern() + ", but was " + (value == null ? "null" : "'" + value + "'"));
        }
        this.name = value;
        return this;
    }

    /** Sets the settings; {@link WriteQueueConfig#defaults()} by default. */
    public WriteQueueBuilder<T> config(WriteQueueConfig value) {
        this.config = Objects.requireNonNull(value, "config");
        return this;
    }

    /**
     * Gives the queue a journal in a directory of its own (locked while the queue runs), and the codec
     * of its records. Without one, the queue takes only {@link Ack#COMMITTED} writes and a crash loses
     * what was not committed.
     */
    public WriteQueueBuilder<T> journal(JournalSettings settings, JournalCodec<T> codec) {
        this.journalSettings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * Sets who hears of writes that failed for good after their caller was answered (journaled, or
     * replayed): the write and why. Called on the sink's thread; it must not block. None by default
     * (they are logged and counted anyway).
     */
    public WriteQueueBuilder<T> onFailure(BiConsumer<T, Throwable> value) {
        this.onFailure = Objects.requireNonNull(value, "onFailure");
        return this;
    }

    /** Sets where the meters go ({@code shardkit.writequeue.*}); none by default. */
    public WriteQueueBuilder<T> meterRegistry(MeterRegistry value) {
        this.registry = Objects.requireNonNull(value, "meterRegistry");
        return this;
    }

    /** Sets the nanosecond ticker of waits and latencies; {@code System::nanoTime} by default. */
    public WriteQueueBuilder<T> ticker(LongSupplier value) {
        this.ticker = Objects.requireNonNull(value, "ticker");
        return this;
    }

    /**
     * Returns the queue: its journal opened (and locked), and what it held handed to the sink again.
     *
     * @throws org.shardkit.core.journal.JournalException if the journal cannot be opened (in use by
     *     another queue, unreadable)
     */
    public WriteQueue<T> build() {
        return new WriteQueue<>(this);
    }
}
