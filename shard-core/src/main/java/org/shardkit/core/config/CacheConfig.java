package org.shardkit.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.CacheSettings;

/**
 * The {@code cache} section of a configuration: the settings of shard-cache's two-level cache. It
 * exists so that {@link ShardkitConfig} names no type of shard-cache, which is an optional
 * dependency of shard-core: frameworks that introspect a configuration object's class (Spring does,
 * for a bean) then work without shard-cache on the class path. Only {@link #settings()} and {@link
 * #of(CacheSettings)} need it.
 *
 * <pre>{@code
 * CacheConfig cache = config.cache();             // null when the file has no cache section
 * TwoLevelCache twoLevel = TwoLevelCache.builder().settings(cache.settings()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CacheConfig {
    /** A {@link CacheSettings}, typed here as an object so that this class names it only in methods. */
    private final Object settings;

    private CacheConfig(Object settings) {
        this.settings = settings;
    }

    /**
     * Returns the section for these settings.
     *
     * @param settings the cache's settings
     * @return the section
     */
    public static CacheConfig of(CacheSettings settings) {
        return new CacheConfig(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Returns the cache's settings, for {@code TwoLevelCache.builder().settings(..)}.
     *
     * @return the settings
     * @throws NoClassDefFoundError if shard-cache is not on the class path (a configuration with a
     *     {@code cache} section is refused without it, so this is reached only in code that built one)
     */
    public CacheSettings settings() {
        return (CacheSettings) settings;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CacheConfig c && settings.equals(c.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
