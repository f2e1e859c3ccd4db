package org.shardkit.testing;

/**
 * The Redis server of a {@link ShardCluster}.
 *
 * <p>Implementations are thread-safe.
 */
public interface RedisServer {

    /** Returns the host Redis listens on. */
    String host();

    /** Returns the port Redis listens on. */
    int port();

    /** Returns the password, or an empty string when Redis needs none. */
    String password();

    /** Returns the server's URI, {@code redis://host:port}, without the password. */
    default String uri() {
        return "redis://" + host() + ":" + port();
    }

    /** Tells whether {@link #stop()} and {@link #start()} work here (embedded mode only). */
    boolean isRestartable();

    /** Tells whether the server is running (not stopped through {@link #stop()}). */
    boolean isRunning();

    /**
     * Stops the server.
     *
     * @throws UnsupportedOperationException if {@link #isRestartable()} is false
     */
    void stop();

    /**
     * Starts a stopped server again on the same port; does nothing if it runs.
     *
     * @throws UnsupportedOperationException if {@link #isRestartable()} is false
     */
    void start();
}
