package org.shardkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.cache.CacheNamespace;
import org.shardkit.cache.CacheSettings;
import org.shardkit.cache.NamespaceSettings;
import org.shardkit.cache.RedisSettings;
import org.shardkit.cache.TwoLevelCache;
import org.shardkit.cache.spi.ValueCodec;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.ShardServersExtension;

/** The snippets of {@code docs/cache.md} (its first example and its namespace section), against a real Redis. */
class CacheDocIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).redis().build();

    record Agent(long id, String name) {}

    // snippet: codec
    /** Stores an agent id as its 8 bytes, not as JSON text. */
    static final class AgentIdCodec implements ValueCodec<Long> {
        @Override
        public byte[] encode(Long agentId) {
            return ByteBuffer.allocate(Long.BYTES).putLong(agentId).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            return ByteBuffer.wrap(bytes).getLong();
        }
    }
    // end snippet

    @Test
    void namespaces_declaredInSettings_boundToOneTypeEach() {
        String keyPrefix = servers.redis().keyPrefix();
        RedisSettings.Builder redisSettings = RedisSettings.builder()
                .host(servers.redis().host())
                .port(servers.redis().port());
        if (!servers.redis().password().isEmpty()) {
            redisSettings.password(servers.redis().password());
        }
        RedisSettings redis = redisSettings.build();
        // snippet: declare
        CacheSettings settings = CacheSettings.builder()
                .keyPrefix(keyPrefix) // services sharing a Redis use different prefixes
                .redis(redis)
                .namespace(NamespaceSettings.builder("agents")
                        .ttl(Duration.ofMinutes(10)) // Redis, and L1 unless localTtl is set
                        .localTtl(Duration.ofMinutes(1)) // L1: bounds staleness while Redis is cut off
                        .negativeTtl(Duration.ofSeconds(30)) // "no such agent" is cached too
                        .build())
                .namespace(NamespaceSettings.of("handles")) // every default
                .build();
        // end snippet
        Repository repository = new Repository();
        // snippet: use
        try (TwoLevelCache cache = TwoLevelCache.builder().settings(settings).build()) {
            CacheNamespace<Agent> agents = cache.namespace("agents", Agent.class); // JSON through Jackson
            CacheNamespace<Long> handles = cache.namespace("handles", new AgentIdCodec()); // a codec of one's own
            Agent ada = agents.get("42", id -> repository.find(Long.parseLong(id))); // the loader runs on a miss
            Long owner = handles.get("@ada", repository::ownerOf);
        }
        // end snippet
        assertThat(repository.finds).hasValue(2);
        try (TwoLevelCache node = TwoLevelCache.builder().settings(settings).build()) {
            CacheNamespace<Agent> agents = node.namespace("agents", Agent.class);
            assertThat(agents.get("42", id -> {
                        throw new AssertionError("in Redis: no second load");
                    }))
                    .isEqualTo(new Agent(42, "Ada L."));
            assertThat(node.namespace("handles", new AgentIdCodec()).get("@ada", h -> -1L))
                    .isEqualTo(42L);
            assertThat(node.namespace("agents", Agent.class)).isSameAs(agents);
            assertThatThrownBy(() -> node.namespace("agents", String.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "namespace 'agents' is bound to " + Agent.class.getName() + ", not to java.lang.String");
            assertThatThrownBy(() -> node.namespace("feeds", Agent.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("namespace 'feeds' is not configured; the namespaces are [agents, handles]");
        }
        assertThatThrownBy(() -> CacheSettings.builder()
                        .namespace(NamespaceSettings.of("agents"))
                        .namespace(NamespaceSettings.of("agents")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 'agents' was added twice");
        assertThatThrownBy(() -> NamespaceSettings.builder("agents v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agents v2");
    }

    @Test
    void firstExample_readsTheConfigFile(@TempDir Path dir) throws IOException {
        // The file is read with the process's environment, which has no variable for a Redis password.
        Assumptions.assumeTrue(servers.redis().password().isEmpty(), "the test kit's Redis needs a password");
        Path file = Files.writeString(
                dir.resolve("shardkit.yaml"),
                DocSnippets.withOneShard(
                        "cache:\n  keyPrefix: \"" + servers.redis().keyPrefix() + "\"\n  redis:\n    host: "
                                + servers.redis().host() + "\n    port: "
                                + servers.redis().port()
                                + "\n  namespaces:\n    agents:\n"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Repository repository = new Repository();
        List<String> hotIds = List.of("7", "8");
        // snippet: first-example
        ShardkitConfig config = ShardkitConfig.fromYaml(file); // shardkit.yaml, with a cache section
        try (TwoLevelCache cache = TwoLevelCache.builder()
                .settings(config.cache().settings()) // without shard-core: CacheSettings.builder()...build()
                .meterRegistry(registry) // optional; no meters without it
                .build()) {
            CacheNamespace<Agent> agents = cache.namespace("agents", Agent.class); // JSON via Jackson
            Agent a = agents.get("42", id -> repository.find(Long.parseLong(id))); // L1, then L2, then the loader
            repository.rename(42, "Ada");
            agents.invalidate("42"); // every node
            agents.invalidateAll(); // the namespace, O(1)
            agents.warmUp(hotIds, id -> repository.find(Long.parseLong(id))); // both levels
        }
        // end snippet
        assertThat(repository.finds).hasValue(3);
        assertThat(registry.find("shardkit.cache.loads").counters()).isNotEmpty();
    }

    /** The example's source of truth. */
    private static final class Repository {
        final AtomicInteger finds = new AtomicInteger();
        String name = "Ada L.";

        Agent find(long id) {
            finds.incrementAndGet();
            return new Agent(id, name);
        }

        void rename(long id, String newName) {
            name = newName;
        }

        Long ownerOf(String handle) {
            finds.incrementAndGet();
            return 42L;
        }
    }

    @Test
    void namespaceYaml_reads() {
        List<String> blocks = DocSnippets.blocks("cache.md", "yaml");
        String yaml = blocks.stream()
                .filter(b -> b.contains("handles:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no yaml block declares handles: " + blocks));
        CacheSettings settings = ShardkitConfig.fromYaml(DocSnippets.withOneShard(yaml), Map.of())
                .cache()
                .settings();
        assertThat(settings.namespaces()).containsOnlyKeys("agents", "handles", "agents.v2");
        assertThat(settings.namespaces().get("agents").negativeTtl()).hasValue(Duration.ofSeconds(30));
        assertThat(settings.namespaces().get("handles")).isEqualTo(NamespaceSettings.of("handles"));
    }

    @Test
    void page_matchesItsSnippets() {
        DocSnippets.assertPageMatches("cache.md", CacheDocIT.class);
    }
}
