package org.shardkit.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The Redis server as a test class sees it, with a key prefix of the class's own. In embedded mode
 * the server is flushed before each test class; in external mode it is not (it may hold other
 * data), so tests should put {@link #keyPrefix()} before their keys.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestRedis {
    private final RedisServer server;
    private final String keyPrefix;

    TestRedis(RedisServer server, String keyPrefix) {
        this.server = server;
        this.keyPrefix = keyPrefix;
    }

    /** Returns the host. */
    public String host() {
        return server.host();
    }

    /** Returns the port. */
    public int port() {
        return server.port();
    }

    /** Returns the password, empty when none is needed. */
    public String password() {
        return server.password();
    }

    /** Returns {@code redis://host:port}, without a password. */
    public String uri() {
        return server.uri();
    }

    /** Returns a key prefix unique to this test class, e.g. {@code sk_mytest_1a2b3c:}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Returns the server (shared with other test classes). */
    public RedisServer server() {
        return server;
    }

    /** Stops the Redis server; skips the test in modes where it cannot be restarted. */
    public void stopServer() {
        assumeRestartable();
        server.stop();
    }

    /** Starts the Redis server again on the same port; skips the test where that is not possible. */
    public void startServer() {
        assumeRestartable();
        server.start();
    }

    private void assumeRestartable() {
        Assumptions.assumeTrue(
                server.isRestartable(), () -> "stopping Redis needs embedded mode; " + server + " cannot be stopped");
    }
}
