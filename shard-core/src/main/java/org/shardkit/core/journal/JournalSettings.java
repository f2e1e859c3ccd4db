package org.shardkit.core.journal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link Journal}: its directory, the size of its segment files, the bound on its
 * live bytes (which turns into backpressure), the largest record and the most records per
 * {@code force}.
 *
 * <pre>{@code
 * JournalSettings settings = JournalSettings.builder(Path.of("/var/lib/app/journal"))
 *         .segmentBytes(16 << 20)
 *         .maxBytes(256 << 20)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JournalSettings {
    /** Default {@code segmentBytes}: 8 MiB. */
    public static final int DEFAULT_SEGMENT_BYTES = 8 << 20;
    /** Smallest {@code segmentBytes}: 64 KiB. */
    public static final int MIN_SEGMENT_BYTES = 64 << 10;
    /** Largest {@code segmentBytes}: 1 GiB (recovery reads one segment at a time into memory). */
    public static final int MAX_SEGMENT_BYTES = 1 << 30;
    /** Default {@code maxBytes}: 128 MiB, or two segments if they are larger. */
    public static final long DEFAULT_MAX_BYTES = 128L << 20;
    /** Default {@code maxRecordBytes}: 1 MiB, or what fits in a segment if that is less. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /** Default {@code maxGroupRecords}: {@value}. */
    public static final int DEFAULT_MAX_GROUP_RECORDS = 4096;
    /** Largest {@code maxGroupRecords}: {@value}. */
    public static final int MAX_MAX_GROUP_RECORDS = 1 << 20;

    private final Path directory;
    private final int segmentBytes;
    private final long maxBytes;
    private final int maxRecordBytes;
    private final int maxGroupRecords;

    private JournalSettings(Builder b) {
        this.directory = b.directory;
        this.segmentBytes = b.segmentBytes;
        this.maxBytes = b.maxBytes != null ? b.maxBytes : Math.max(DEFAULT_MAX_BYTES, 2L * b.segmentBytes);
        this.maxRecordBytes = b.maxRecordBytes != null
                ? b.maxRecordBytes
                : Math.min(DEFAULT_MAX_RECORD_BYTES, b.segmentBytes - RecordFormat.HEADER_BYTES);
        this.maxGroupRecords = b.maxGroupRecords;
    }

    /**
     * Returns a builder for a journal in this directory, created at open if it does not exist.
     *
     * @param directory the journal's own directory: nothing else should write there
     * @return a builder with the defaults
     */
    public static Builder builder(Path directory) {
        return new Builder(Objects.requireNonNull(directory, "directory"));
    }

    /** Returns the journal's directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** Returns the size at which a segment file rolls over, in bytes; default 8 MiB. */
    public int segmentBytes() {
        return segmentBytes;
    }

    /** Returns the bound on the journal's live bytes; {@code append} waits while it is reached. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Returns the largest payload accepted, in bytes; default 1 MiB. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Returns the most records written and forced as one group; default {@value #DEFAULT_MAX_GROUP_RECORDS}. */
    public int maxGroupRecords() {
        return maxGroupRecords;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof JournalSettings s
                && directory.equals(s.directory)
                && segmentBytes == s.segmentBytes
                && maxBytes == s.maxBytes
                && maxRecordBytes == s.maxRecordBytes
                && maxGroupRecords == s.maxGroupRecords;
    }

    @Override
    public int hashCode() {
        return Objects.hash(directory, segmentBytes, maxBytes, maxRecordBytes, maxGroupRecords);
    }

    @Override
    public String toString() {
        return "JournalSettings[directory=" + directory + ", segmentBytes=" + segmentBytes + ", maxBytes=" + maxBytes
                + ", maxRecordBytes=" + maxRecordBytes + ", maxGroupRecords=" + maxGroupRecords + "]";
    }

    /**
     * Builds {@link JournalSettings}. Each setter checks its value at once and may be called once;
     * {@link #build()} checks the settings against each other.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Path directory;
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private @Nullable Long maxBytes;
        private @Nullable Integer maxRecordBytes;
        private int maxGroupRecords = DEFAULT_MAX_GROUP_RECORDS;
        private final Set<String> given = new HashSet<>();

        private Builder(Path directory) {
            this.directory = directory.toAbsolutePath().normalize();
        }

        /**
         * Sets the size at which a segment file rolls over; from 64 KiB to 1 GiB. A segment is
         * deleted once every record in it is done, so smaller segments free space sooner.
         *
         * @param value the size in bytes
         * @return this builder
         */
        public Builder segmentBytes(long value) {
            once("segmentBytes", segmentBytes, value);
            this.segmentBytes = (int) within("segmentBytes", value, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES);
            return this;
        }

        /**
         * Sets the bound on the journal's live bytes (segment files not yet deleted, and records
         * accepted but not yet written); at least two segments (checked by {@link #build()}).
         *
         * @param value the bound in bytes
         * @return this builder
         */
        public Builder maxBytes(long value) {
            once("maxBytes", maxBytes, value);
            this.maxBytes = within("maxBytes", value, 2L * MIN_SEGMENT_BYTES, Long.MAX_VALUE / 4);
            return this;
        }

        /**
         * Sets the largest payload accepted; at least 1 and at most {@code segmentBytes - 20} (the
         * record header; checked by {@link #build()}).
         *
         * @param value the size in bytes
         * @return this builder
         */
        public Builder maxRecordBytes(long value) {
            once("maxRecordBytes", maxRecordBytes, value);
            this.maxRecordBytes =
                    (int) within("maxRecordBytes", value, 1, MAX_SEGMENT_BYTES - RecordFormat.HEADER_BYTES);
            return this;
        }

        /**
         * Sets the most records written and forced as one group; {@code 1..}{@value #MAX_MAX_GROUP_RECORDS}.
         *
         * @param value the count
         * @return this builder
         */
        public Builder maxGroupRecords(long value) {
            once("maxGroupRecords", maxGroupRecords, value);
            this.maxGroupRecords = (int) within("maxGroupRecords", value, 1, MAX_MAX_GROUP_RECORDS);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if settings contradict each other, naming the later one
         */
        public JournalSettings build() {
            if (maxRecordBytes != null && maxRecordBytes > segmentBytes - RecordFormat.HEADER_BYTES) {
                throw invalid(
                        "maxRecordBytes",
                        "must be <= segmentBytes - " + RecordFormat.HEADER_BYTES + " ("
                                + (segmentBytes - RecordFormat.HEADER_BYTES) + ")",
                        maxRecordBytes);
            }
            if (maxBytes != null && maxBytes < 2L * segmentBytes) {
                throw invalid("maxBytes", "must be >= 2 * segmentBytes (" + 2L * segmentBytes + ")", maxBytes);
            }
            return new JournalSettings(this);
        }

        private void once(String setting, @Nullable Object current, Object value) {
            if (!given.add(setting)) {
                throw new IllegalStateException(
                        setting + " was already set to " + current + ", cannot set it to " + value);
            }
        }

        private static long within(String setting, long value, long min, long max) {
            if (value < min) {
                throw invalid(setting, "must be >= " + min, value);
            }
            if (value > max) {
                throw invalid(setting, "must be <= " + max, value);
            }
            return value;
        }

        private static IllegalArgumentException invalid(String setting, String requirement, Object value) {
            return new IllegalArgumentException(setting + " " + requirement + ", but was " + value);
        }
    }
}
