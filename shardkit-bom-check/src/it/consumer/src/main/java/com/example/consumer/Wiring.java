package com.example.consumer;

import java.util.List;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.idgen.IdGenerator;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.social.SocialRepository;
import org.shardkit.spring.boot.ShardedDatabaseCustomizer;

/** Touches the entry type of every published module, so that each must be on the class path. */
public final class Wiring {
    private Wiring() {}

    /** Returns the entry types, one per module. */
    public static List<Class<?>> entryTypes() {
        ShardedDatabaseCustomizer customizer = builder -> {};
        return List.of(
                IdGenerator.class,
                ShardStrategies.class,
                ShardedDatabase.class,
                ShardkitConfig.class,
                TwoLevelCache.class,
                SocialRepository.class,
                customizer.getClass());
    }
}
