package org.shardkit.examples.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A JUnit extension that starts the service as {@link SocialService#main} starts it (the same
 * {@code application.yml}, the shards' addresses added first) over a test class's shards, on a
 * random port, with a write journal in a temporary directory; stops it and deletes the journal after
 * the class. Register it after the {@link ShardServersExtension}:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final ShardServersExtension servers = ...;
 * @RegisterExtension @Order(2) static final RunningService service = RunningService.over(servers, Map.of());
 * }</pre>
 */
final class RunningService implements BeforeAllCallback, AfterAllCallback {
    private final ShardServersExtension servers;
    private final Map<String, Object> extra;
    private @Nullable ConfigurableApplicationContext context;
    private @Nullable HttpApi api;
    private @Nullable Path journal;
    private int handles;

    private RunningService(ShardServersExtension servers, Map<String, Object> extra) {
        this.servers = servers;
        this.extra = Map.copyOf(extra);
    }

    /**
     * Returns the extension.
     *
     * @param servers the test class's shards
     * @param extra properties beyond {@code application.yml}'s
     */
    static RunningService over(ShardServersExtension servers, Map<String, Object> extra) {
        return new RunningService(servers, extra);
    }

    @Override
    public void beforeAll(ExtensionContext ignored) throws IOException {
        Path dir = Files.createTempDirectory("shardkit-example-it-");
        journal = dir;
        ShardSettings settings = new ShardSettings();
        for (TestShard shard : servers.shards()) {
            settings.shard(shard.index(), shard.jdbcUrl(), shard.user(), shard.password());
        }
        settings.with("server.port", 0).with("shardkit.social.write-journal.directory", dir.toString());
        extra.forEach(settings::with);
        ConfigurableApplicationContext c = SocialService.start(settings.properties());
        context = c;
        api = new HttpApi(((WebServerApplicationContext) c).getWebServer().getPort());
    }

    @Override
    public void afterAll(ExtensionContext ignored) {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            if (journal != null) {
                SocialService.delete(journal);
            }
        }
    }

    private ConfigurableApplicationContext context() {
        return Objects.requireNonNull(context, "the service did not start");
    }

    HttpApi api() {
        return Objects.requireNonNull(api, "the service did not start");
    }

    SocialRepository social() {
        return context().getBean(SocialRepository.class);
    }

    /** Returns the shard an agent lives on. */
    int shardOf(long agentId) {
        return context()
                .getBean(ShardedDatabase.class)
                .shardOf(ShardKey.of(agentId))
                .value();
    }
    /** Creates an agent through the API, with a handle of its own; fails unless the answer is 201. */
    long createAgent(String name, String personality, String interests) throws Exception {
        String handle = name.toLowerCase(java.util.Locale.ROOT) + "_" + (++handles);
        HttpApi.Answer created = api().post(
                        "/agents",
                        "{\"handle\":\"" + handle + "\",\"name\":\"" + name + "\",\"personality\":\"" + personality
                                + "\",\"interests\":" + interests + ",\"bio\":\"\"}");
        if (created.status() != 201) {
            throw new AssertionError("POST /agents answered " + created.status() + ": " + created.text());
        }
        return created.json().path("id").asLong();
    }

    /** Waits until the outbox applied every cross-shard change on its other shard. */
    void converge() {
        if (!social().awaitConverged(Duration.ofSeconds(20))) {
            throw new AssertionError("the outbox did not apply the other shards' halves within 20 s");
        }
    }
}
