package org.shardkit.core.config;

import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;

/**
 * Binds the {@code cache} section to shard-cache's settings, so the two-level cache is configured in
 * the same file, with the same reporting, as everything else. shard-cache is an optional dependency
 * of shard-core: this class is loaded only when a file has a {@code cache} section.
 */
final class CacheSectionReader {
    /** The class whose presence tells that shard-cache is on the class path. */
    static final String CACHE_CLASS = "org.shardkit.cache.CacheSettings";

    private CacheSectionReader() {}

    /** Reads the section and, if it has no problems, sets it on the configuration being built. */
    static void readInto(YamlSection s, ConfigReader.Passwords passwords, ShardkitConfig.Builder config) {
        CacheSettings settings = read(s, passwords);
        if (settings != null) {
            config.cache(CacheConfig.of(settings));
        }
    }

    private static @Nullable CacheSettings read(YamlSection s, ConfigReader.Passwords passwords) {
        CacheSettings.Builder cache = CacheSettings.builder();
        s.bindText("keyPrefix", cache::keyPrefix);
        s.bindText("channel", cache::channel);
        s.bindDuration("healthCheckInterval", cache::healthCheckInterval);
        s.bindDuration("reconnectDelay", cache::reconnectDelay);
        s.bindDuration("startTimeout", cache::startTimeout);
        YamlSection redis = s.child("redis");
        if (redis != null) {
            RedisSettings.Builder r = RedisSettings.builder();
            redis.bindText("host", r::host);
            redis.bindLong("port", ints("port", r::port));
            redis.bindText("user", r::user);
            Secret password = passwords.of(redis);
            if (password != null && !password.isEmpty()) {
                r.password(password.reveal());
            }
            redis.bindBoolean("tls", r::tls);
            redis.bindLong("database", ints("database", r::database));
            redis.bindDuration("connectTimeout", r::connectTimeout);
            redis.bindDuration("socketTimeout", r::socketTimeout);
            redis.bindLong("poolSize", ints("poolSize", r::poolSize));
            redis.bindDuration("poolMaxWait", r::poolMaxWait);
            redis.finish();
            RedisSettings built = redis.build(r::build);
            if (built != null) {
                cache.redis(built);
            }
        }
        YamlSection namespaces = s.child("namespaces");
        if (namespaces != null) {
            for (Map.Entry<String, YamlNode> e : namespaces.node.map.entrySet()) {
                YamlSection ns = namespaces.child(e.getKey());
                NamespaceSettings built;
                if (ns != null) {
                    built = namespace(e.getKey(), ns);
                } else if (e.getValue().kind == YamlNode.Kind.NULL) {
                    // "agents:" with nothing under it: a namespace with every default.
                    built = namespaces.build(() -> NamespaceSettings.of(e.getKey()));
                } else {
                    continue; // not a mapping: child() reported it
                }
                if (built != null) {
                    cache.namespace(built);
                }
            }
            namespaces.finish();
        }
        s.finish();
        return s.build(cache::build);
    }

    private static @Nullable NamespaceSettings namespace(String name, YamlSection s) {
        NamespaceSettings.Builder ns;
        try {
            ns = NamespaceSettings.builder(name);
        } catch (IllegalArgumentException e) {
            s.problem("", String.valueOf(e.getMessage()));
            return null;
        }
        s.bindDuration("ttl", ns::ttl);
        s.bindDuration("localTtl", ns::localTtl);
        s.bindLong("maxSize", ns::maxSize);
        s.bindBoolean("localCache", ns::localCache);
        s.bindDuration("negativeTtl", ns::negativeTtl);
        s.bindLong("maxValueBytes", ints("maxValueBytes", ns::maxValueBytes));
        s.finish();
        return s.build(ns::build);
    }

    /** An int setter fed a long: a value beyond an int is refused here, the rest by the setter. */
    private static LongConsumer ints(String setting, IntConsumer setter) {
        return v -> setter.accept(Settings.intIn(setting, v, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
}
