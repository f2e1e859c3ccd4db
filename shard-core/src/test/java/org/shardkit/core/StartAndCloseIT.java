package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.testing.ShardServersExtension;
import org.slf4j.LoggerFactory;

/** What a database says when it starts, and that it closes cleanly even after a shard was unreachable. */
class StartAndCloseIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    private static ListAppender<ILoggingEvent> capture(String loggerName) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    @Test
    void start_logsOneInfoLine_withShardsStrategyPoolsAndWorkerId_butNoSecret() {
        ListAppender<ILoggingEvent> logs = capture(ShardedDatabase.class.getName());
        String secret = "Pw-" + System.nanoTime();
        ShardkitConfig.Builder b = ShardkitConfig.builder();
        for (var s : servers.shards()) {
            // The test servers trust every login, so a password that is never checked still starts.
            b.shard(ShardConfig.builder(
                            s.index(),
                            "social_" + s.index(),
                            EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(secret)))
                    .pool(TestConfigs.pool(3, Duration.ofSeconds(1)))
                    .build());
        }
        try (ShardedDatabase db = ShardedDatabase.create(b.build())) {
            List<String> info = logs.list.stream()
                    .filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();

            assertThat(info)
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith(
                                    "shardkit started: 2 shards [0:social_0 (pool 3), 1:social_1 (pool 3)], strategy buckets,"
                                            + " startup eager, no ID generator (idgen.workerId not set)")
                            .doesNotContain(secret));
        } finally {
            ((Logger) LoggerFactory.getLogger(ShardedDatabase.class)).detachAppender(logs);
        }
    }

    @Test
    void close_afterAShardWasUnreachable_logsNoPoolWarning() throws Exception {
        ListAppender<ILoggingEvent> hikari = capture("com.zaxxer.hikari");
        // A "server" that accepts TCP connections and never answers: connection attempts hang in the
        // handshake, the way a shard behind a dead network path does.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ShardkitConfig config = ShardkitConfig.builder()
                    .shard(ShardConfig.builder(
                                    0,
                                    "dead",
                                    EndpointConfig.of(
                                            "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/none",
                                            "u",
                                            Secret.empty()))
                            .pool(TestConfigs.pool(2, Duration.ofMillis(300)).toBuilder()
                                    .minimumIdle(1)
                                    .build())
                            .build())
                    .startup(StartupMode.LAZY)
                    .build();
            ShardedDatabase db = ShardedDatabase.create(config);
            assertThatThrownBy(() -> db.useShard(ShardKey.of(1), h -> h.execute("SELECT 1")))
                    .isInstanceOf(ShardUnavailableException.class);
            db.close();

            assertThat(hikari.list)
                    .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("Timed-out waiting for add connection executor"));
        } finally {
            ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).detachAppender(hikari);
        }
    }
}
