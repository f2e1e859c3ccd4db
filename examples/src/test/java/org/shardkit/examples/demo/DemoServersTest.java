package org.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shardkit.cache.CacheSettings;
import org.shardkit.social.SocialCaching;

/** {@code --config}: the file's shards and cache, with the repository's cache namespaces added; nothing started. */
class DemoServersTest {

    @Test
    void external_fileWithCache_keepsItsSettings_addsTheSocialNamespaces(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(
                dir.resolve("shardkit.yaml"),
                String.join(
                        "\n",
                        "shards:",
                        "  - id: 0",
                        "    name: a",
                        "    primary: {url: 'jdbc:postgresql://127.0.0.1:1/a', user: app}",
                        "  - id: 1",
                        "    name: b",
                        "    primary: {url: 'jdbc:postgresql://127.0.0.1:1/b', user: app}",
                        "idgen:",
                        "  workerId: {source: static, id: 3}",
                        "cache:",
                        "  keyPrefix: 'mine:'",
                        "  redis: {host: cache.internal, port: 6380}",
                        "  namespaces:",
                        "    social.agents: {ttl: 1m}",
                        ""));

        try (DemoServers servers = DemoServers.external(yaml)) {
            assertThat(servers.startedHere()).isFalse();
            assertThat(servers.config().shards()).hasSize(2);
            CacheSettings cache = Objects.requireNonNull(servers.cache(), "cache");
            assertThat(cache.keyPrefix()).isEqualTo("mine:");
            assertThat(cache.redis().host()).isEqualTo("cache.internal");
            assertThat(cache.redis().port()).isEqualTo(6380);
            assertThat(cache.namespaces())
                    .containsOnlyKeys(SocialCaching.AGENTS, SocialCaching.FRIEND_COUNTS, SocialCaching.FEEDS);
            assertThat(Objects.requireNonNull(cache.namespaces().get(SocialCaching.AGENTS))
                            .ttl())
                    .isEqualTo(Duration.ofMinutes(1));
            assertThat(servers.describe()).contains("2 shards from").contains("the cache on its Redis");
        }
    }

    @Test
    void external_fileWithoutCache_runsWithoutOne(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(
                dir.resolve("shardkit.yaml"),
                "shards:\n  - id: 0\n    name: a\n    primary: {url: 'jdbc:postgresql://127.0.0.1:1/a', user: app}\n");

        try (DemoServers servers = DemoServers.external(yaml)) {
            assertThat(servers.cache()).isNull();
            assertThat(servers.describe()).contains("no cache");
        }
    }
}
