package org.shardkit.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one namespace: a group of keys with one value type, one TTL per level, one L1
 * size bound, and optional negative caching. Namespaces are invalidated as a whole in O(1) (see
 * {@link CacheNamespace#invalidateAll()}).
 *
 * <pre>{@code
 * NamespaceSettings agents = NamespaceSettings.builder("agents")
 *         .ttl(Duration.ofMinutes(10))       // Redis (L2)
 *         .localTtl(Duration.ofSeconds(30))  // Caffeine (L1): bounds staleness when Redis is down
 *         .maxSize(50_000)                   // L1 entries
 *         .negativeTtl(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class NamespaceSettings {
    /** Default L1 size bound: 10,000 entries. */
    public static final long DEFAULT_MAX_SIZE = 10_000;
    /** Default TTL of both levels: 5 minutes. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Default largest encoded value that is cached: 512 KiB (524,288 bytes). */
    public static final int DEFAULT_MAX_VALUE_BYTES = 512 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String name;
    private final Duration ttl;
    private final Duration localTtl;
    private final long maxSize;
    private final boolean localCache;
    private final @Nullable Duration negativeTtl;
    private final int maxValueBytes;

    private NamespaceSettings(Builder b) {
        this.name = b.name;
        this.ttl = b.ttl;
        this.localTtl = b.localTtl != null ? b.localTtl : b.ttl;
        this.maxSize = b.maxSize;
        this.localCache = b.localCache;
        this.negativeTtl = b.negativeTtl;
        this.maxValueBytes = b.maxValueBytes;
    }

    /**
     * Returns a builder for the namespace {@code name}.
     *
     * @param name 1 to 64 characters from {@code [A-Za-z0-9_.-]}
     * @return a new builder
     * @throws IllegalArgumentException if the name has another character or length
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the settings of namespace {@code name} with every other setting at its default.
     *
     * @param name 1 to 64 characters from {@code [A-Za-z0-9_.-]}
     * @return the settings
     * @throws IllegalArgumentException if the name has another character or length
     */
    public static NamespaceSettings of(String name) {
        return builder(name).build();
    }

    /** Returns the name. */
    public String name() {
        return name;
    }

    /** Returns the TTL of entries in Redis (L2). */
    public Duration ttl() {
        return ttl;
    }

    /** Returns the TTL of entries in Caffeine (L1), measured from when they were written there. */
    public Duration localTtl() {
        return localTtl;
    }

    /** Returns the most entries L1 holds for this namespace. */
    public long maxSize() {
        return maxSize;
    }

    /** Tells whether this namespace has an L1 at all; without one every read goes to Redis. */
    public boolean localCache() {
        return localCache;
    }

    /** Returns how long an absent (null) result is cached; empty if absent results are not cached. */
    public Optional<Duration> negativeTtl() {
        return Optional.ofNullable(negativeTtl);
    }

    /** Returns the largest encoded value that is cached; larger values are returned but not cached. */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NamespaceSettings x
                && java.util.Objects.equals(name, x.name)
                && java.util.Objects.equals(ttl, x.ttl)
                && java.util.Objects.equals(localTtl, x.localTtl)
                && java.util.Objects.equals(maxSize, x.maxSize)
                && java.util.Objects.equals(localCache, x.localCache)
                && java.util.Objects.equals(negativeTtl, x.negativeTtl)
                && java.util.Objects.equals(maxValueBytes, x.maxValueBytes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, ttl, localTtl, maxSize, localCache, negativeTtl, maxValueBytes);
    }

    @Override
    public String toString() {
        return "NamespaceSettings[" + name + " ttl=" + ttl + " localTtl=" + localTtl + " maxSize=" + maxSize
                + " localCache=" + localCache + " negativeTtl=" + negativeTtl + " maxValueBytes=" + maxValueBytes
                + "]";
    }

    /**
     * Builds {@link NamespaceSettings}; every setter validates its argument at once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private Duration ttl = DEFAULT_TTL;
        private @Nullable Duration localTtl;
        private long maxSize = DEFAULT_MAX_SIZE;
        private boolean localCache = true;
        private @Nullable Duration negativeTtl;
        private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "namespace name must be 1 to 64 characters from [A-Za-z0-9_.-], but was '" + name + "'");
            }
            this.name = name;
        }

        /**
         * Sets the TTL of entries in Redis; default 5 minutes ({@link NamespaceSettings#DEFAULT_TTL}).
         * It is also the L1 TTL unless {@link #localTtl(Duration)} is set.
         *
         * @param ttl positive, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Checks.timeout("ttl", ttl);
            return this;
        }

        /**
         * Sets the TTL of entries in L1; default the {@linkplain #ttl(Duration) L2 TTL}. It bounds how
         * long a node may serve a value it could not hear invalidated (see {@code docs/cache.md}).
         *
         * @param localTtl positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder localTtl(Duration localTtl) {
            this.localTtl = Checks.positive("localTtl", localTtl);
            return this;
        }

        /**
         * Sets the most entries L1 holds; default {@value NamespaceSettings#DEFAULT_MAX_SIZE}.
         *
         * @param maxSize positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxSize(long maxSize) {
            this.maxSize = Checks.positive("maxSize", maxSize);
            return this;
        }

        /**
         * Turns L1 on (the default) or off; without L1 every read is a Redis round trip, still
         * single-flighted per node.
         *
         * @param enabled whether the namespace has an L1
         * @return this builder
         */
        public Builder localCache(boolean enabled) {
            this.localCache = enabled;
            return this;
        }

        /**
         * Turns on negative caching: a loader's null result is cached (as a sentinel, in both levels)
         * for this long. Off by default.
         *
         * @param negativeTtl positive, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder negativeTtl(Duration negativeTtl) {
            this.negativeTtl = Checks.timeout("negativeTtl", negativeTtl);
            return this;
        }

        /**
         * Sets the largest encoded value that is cached; default 512 KiB ({@link
         * NamespaceSettings#DEFAULT_MAX_VALUE_BYTES}). Larger values are returned to the caller but
         * cached in neither level.
         *
         * @param maxValueBytes positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxValueBytes(int maxValueBytes) {
            this.maxValueBytes = (int) Checks.positive("maxValueBytes", maxValueBytes);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public NamespaceSettings build() {
            return new NamespaceSettings(this);
        }
    }
}
