package org.shardkit.social;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;

/** A sharded database over the test kit's servers, migrated, and the agents the domain tests need. */
final class SocialTestbed {
    private static final AtomicInteger HANDLES = new AtomicInteger();

    private SocialTestbed() {}

    /** Returns the configuration: one shard per server, pools of 8, a static worker id; {@code extra} adds sections. */
    static ShardkitConfig config(ShardServersExtension servers, UnaryOperator<ShardkitConfig.Builder> extra) {
        return config(endpoints(servers), 3, extra);
    }

    /** Returns the configuration over endpoints (shard i at endpoint i), with a worker id of its own. */
    static ShardkitConfig config(
            List<EndpointConfig> endpoints, int workerId, UnaryOperator<ShardkitConfig.Builder> extra) {
        return config(endpoints, workerId, pool(Duration.ofSeconds(10)), extra);
    }

    /** Returns the configuration over endpoints with the given pool on every shard. */
    static ShardkitConfig config(
            List<EndpointConfig> endpoints,
            int workerId,
            PoolConfig pool,
            UnaryOperator<ShardkitConfig.Builder> extra) {
        ShardkitConfig.Builder b = ShardkitConfig.builder()
                .idgen(IdGenConfig.builder().workerId(workerId).build());
        for (int i = 0; i < endpoints.size(); i++) {
            b.shard(ShardConfig.builder(i, "social_" + i, endpoints.get(i))
                    .pool(pool)
                    .build());
        }
        return extra.apply(b).build();
    }

    /** Returns the tests' pool: 8 connections, none kept idle, and the given connection timeout. */
    static PoolConfig pool(Duration connectionTimeout) {
        return PoolConfig.builder()
                .maximumSize(8)
                .minimumIdle(0)
                .connectionTimeout(connectionTimeout)
                .build();
    }

    /** Returns the endpoints of the test kit's shards, shard i at position i. */
    static List<EndpointConfig> endpoints(ShardServersExtension servers) {
        return servers.shards().stream()
                .map(s -> EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password())))
                .toList();
    }

    /** Returns properties naming every shard's endpoint, for a child JVM; {@link #endpoints} reads them back. */
    static Properties handOver(ShardServersExtension servers) {
        Properties p = new Properties();
        List<TestShard> shards = servers.shards();
        p.setProperty("shards", String.valueOf(shards.size()));
        for (TestShard s : shards) {
            p.setProperty("shard." + s.index() + ".url", s.jdbcUrl());
            p.setProperty("shard." + s.index() + ".user", s.user());
            p.setProperty("shard." + s.index() + ".password", s.password());
        }
        return p;
    }

    /** Returns the endpoints {@link #handOver} wrote, shard i at position i. */
    static List<EndpointConfig> endpoints(Properties p) {
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(p.getProperty("shards")); i++) {
            endpoints.add(EndpointConfig.of(
                    p.getProperty("shard." + i + ".url"),
                    p.getProperty("shard." + i + ".user"),
                    Secret.of(p.getProperty("shard." + i + ".password"))));
        }
        return endpoints;
    }

    /** Opens the database and applies the social schema. */
    static ShardedDatabase open(ShardkitConfig config) {
        ShardedDatabase db = ShardedDatabase.create(config);
        SocialRepository.migrate(db);
        return db;
    }

    /** Returns a handle no other test used. */
    static String handle(String base) {
        return base + "_" + HANDLES.incrementAndGet();
    }

    static Agent agent(SocialRepository social, String base) {
        return social.createAgent(
                new NewAgent(handle(base), "Agent " + base, Personality.EXPLORER, List.of(1, 2, 3), "bio of " + base));
    }

    /** Creates agents until one lands on a shard other than {@code than}'s (or on the same, when asked). */
    static Agent agentOn(SocialRepository social, ShardedDatabase db, Agent than, boolean sameShard) {
        ShardId target = db.shardOf(ShardKey.of(than.id()));
        for (int i = 0; i < 200; i++) {
            Agent a = agent(social, "peer");
            if (db.shardOf(ShardKey.of(a.id())).equals(target) == sameShard) {
                return a;
            }
        }
        throw new IllegalStateException("200 agents and none on the wanted shard");
    }

    /** Counts rows on one shard. */
    static long count(ShardedDatabase db, ShardId shard, String sql, Object... args) {
        return db.withShardId(shard, h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** Counts a query's rows on every shard, as a list indexed by shard id. */
    static List<Long> countPerShard(ShardedDatabase db, String sql, Object... args) {
        return db.shardIds().stream().map(s -> count(db, s, sql, args)).toList();
    }
}
