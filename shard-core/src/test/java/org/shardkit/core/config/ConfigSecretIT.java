package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;
import org.shardkit.testing.TestShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, case 10, the running half: a {@link ShardedDatabase} read from YAML whose password comes
 * from the real environment ({@value SecretChecks#VARIABLE}) starts against embedded servers, works,
 * and closes; then starts that fail — a shard nobody listens for, a database that does not exist, an
 * unreachable shard met by a call in lazy mode. Every log line of every level, every exception with
 * its causes, and the {@code toString} of the configuration and the database are searched for the
 * password: it is in none of them.
 */
@Tag("reliability")
class ConfigSecretIT {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSecretIT.class);

    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    /** The YAML of a database over the two test shards; {@code edit} changes the text of shard 1's URL. */
    private static String yaml(String startup, UnaryOperator<String> editShard1Url) {
        StringBuilder b = new StringBuilder("shards:\n");
        for (TestShard s : servers.shards()) {
            String url = s.index() == 1 ? editShard1Url.apply(s.jdbcUrl()) : s.jdbcUrl();
            b.append("  - id: ")
                    .append(s.index())
                    .append('\n')
                    .append("    name: secret_")
                    .append(s.index())
                    .append('\n')
                    .append("    primary:\n")
                    .append("      url: ")
                    .append(url)
                    .append('\n')
                    .append("      user: ")
                    .append(s.user())
                    .append('\n')
                    .append("      password: ${")
                    .append(SecretChecks.VARIABLE)
                    .append("}\n");
        }
        b.append("pool:\n  maximumSize: 2\n  minimumIdle: 0\n  connectionTimeout: 1s\n  connectTimeout: 1s\n");
        b.append("breaker:\n  minimumCalls: 2\n  slidingWindowSize: 2\n");
        b.append("idgen:\n  workerId:\n    id: 11\n");
        b.append("startup: ").append(startup).append('\n');
        return b.toString();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void passwordFromTheEnvironment_startsAndFails_withoutShowingIt() throws Exception {
        String secret = SecretChecks.secret();
        List<String> seen = new ArrayList<>();

        ShardkitConfig good = ShardkitConfig.fromYaml(yaml("eager", url -> url), System.getenv());
        assertThat(good.shard(0).primary().password().reveal()).isEqualTo(secret);
        try (ShardedDatabase db = ShardedDatabase.create(good)) {
            for (ShardId id : db.shardIds()) {
                Integer one = db.withShardId(
                        id, h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                assertThat(one).isEqualTo(1);
                seen.add(db.health(id).toString());
                seen.add(db.poolHealth(id).toString());
                seen.add(db.poolState(id));
                seen.add(db.shardName(id));
            }
            seen.add(db.toString());
            seen.add(db.config().toString());
            seen.add(db.ids().toString());
        }
        seen.add(good.toString());

        int port = unusedPort();
        List<Throwable> failures = new ArrayList<>();
        ShardkitConfig nobodyListens = ShardkitConfig.fromYaml(
                yaml("eager", url -> url.replaceFirst(":\\d+/", ":" + port + "/")), System.getenv());
        failures.add(catchThrowable(() -> ShardedDatabase.create(nobodyListens).close()));
        ShardkitConfig noDatabase = ShardkitConfig.fromYaml(
                yaml("eager", url -> url.replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1")), System.getenv());
        failures.add(catchThrowable(() -> ShardedDatabase.create(noDatabase).close()));
        ShardkitConfig lazy = ShardkitConfig.fromYaml(
                yaml("lazy", url -> url.replaceFirst(":\\d+/", ":" + port + "/")), System.getenv());
        try (ShardedDatabase db = ShardedDatabase.create(lazy)) {
            ShardKey onShard1 = keyOn(db, ShardId.of(1));
            for (int i = 0; i < 4; i++) { // enough for the breaker to open: its failure is in the list too
                failures.add(catchThrowable(() -> db.withShard(
                        onShard1,
                        h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())));
            }
            seen.add(db.health(ShardId.of(1)).toString());
            seen.add(db.toString());
        }
        seen.add(nobodyListens.toString());
        seen.add(noDatabase.toString());

        assertThat(failures)
                .as("each failing start or call failed")
                .doesNotContainNull()
                .hasSize(6);
        for (Throwable t : failures) {
            seen.add(SecretChecks.everything(t));
        }
        SecretChecks.assertNowhere(secret, "a toString or an exception", seen);
        List<String> logged = logs.lines();
        SecretChecks.assertNowhere(secret, "a log line", logged);
        assertThat(logged).as("the capture saw the run's own log lines").isNotEmpty();
        LOG.info(
                "secret check: {} log lines of every level, {} exceptions and {} toStrings searched;"
                        + " the password appears in none",
                logged.size(),
                failures.size(),
                seen.size() - failures.size());
        for (Throwable t : failures) {
            LOG.info("  failure: {}", t.toString().lines().findFirst().orElse(""));
        }
    }

    private static ShardKey keyOn(ShardedDatabase db, ShardId shard) {
        for (long k = 1; k < 10_000; k++) {
            if (db.shardOf(ShardKey.of(k)).equals(shard)) {
                return ShardKey.of(k);
            }
        }
        throw new IllegalStateException("no key of 10,000 routes to " + shard);
    }
}
