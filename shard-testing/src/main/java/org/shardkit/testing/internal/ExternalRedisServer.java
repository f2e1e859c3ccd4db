package org.shardkit.testing.internal;

import java.io.IOException;
import java.net.URI;
import org.shardkit.testing.RedisServer;
import org.shardkit.testing.TestEnvironment;
import org.shardkit.testing.TestKitException;

/**
 * A Redis server the kit did not start. It cannot be stopped.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExternalRedisServer implements RedisServer {
    private final String host;
    private final int port;
    private final String password;

    private ExternalRedisServer(String host, int port, String password) {
        this.host = host;
        this.port = port;
        this.password = password;
    }

    /**
     * Pings an external Redis once to prove it answers.
     *
     * @param uri {@code redis://[:password@]host:port}
     * @return the server
     * @throws TestKitException naming the address and the cause if it does not answer
     */
    public static ExternalRedisServer connect(URI uri) {
        String userInfo = uri.getUserInfo();
        String password = "";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            password = colon >= 0 ? userInfo.substring(colon + 1) : userInfo;
        }
        String host = uri.getHost();
        ExternalRedisServer server = new ExternalRedisServer(host, uri.getPort(), password);
        try {
            RespClient.call(host, uri.getPort(), password, 5_000, "PING");
        } catch (IOException e) {
            throw new TestKitException(
                    "external mode: cannot reach Redis at " + host + ":" + uri.getPort() + ": " + e.getMessage()
                            + "; check " + TestEnvironment.REDIS_URL + " and that the server runs, or "
                            + TestEnvironment.howToChoose(),
                    e);
        }
        return server;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public boolean isRestartable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("external mode: the kit does not stop a Redis it did not start");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("external mode: the kit does not start a Redis it did not start");
    }

    @Override
    public String toString() {
        return "external Redis (" + host + ":" + port + ")";
    }
}
