package org.shardkit.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.shardkit.testing.RedisServer;
import org.shardkit.testing.TestKitException;

/**
 * A Redis server process from {@code com.github.codemonstur:embedded-redis} on a free port, keeping
 * nothing on disk.
 *
 * <p>Thread-safe: state changes are synchronized.
 */
public final class EmbeddedRedisServer implements RedisServer {
    private static final long START_RETRY_NANOS = TimeUnit.SECONDS.toNanos(20);
    private final int port;
    private final Path workDirectory;
    private final redis.embedded.RedisServer server;
    private boolean running;

    private EmbeddedRedisServer(int port, Path workDirectory, redis.embedded.RedisServer server) {
        this.port = port;
        this.workDirectory = workDirectory;
        this.server = server;
    }

    /**
     * Creates and starts a server on a free port.
     *
     * @return the running server
     * @throws TestKitException if it cannot start
     */
    public static EmbeddedRedisServer launch() {
        int port = FreePorts.next();
        try {
            Path dir = Files.createTempDirectory("shardkit-redis-");
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + dir.toAbsolutePath())
                    .onShutdownForceStop(true)
                    .build();
            EmbeddedRedisServer redis = new EmbeddedRedisServer(port, dir, server);
            redis.start();
            return redis;
        } catch (IOException | RuntimeException e) {
            throw new TestKitException(
                    "embedded mode: Redis could not start on port " + port + ": " + e.getMessage()
                            + "; choose another mode with SHARDKIT_TEST_MODE=external (and SHARDKIT_TEST_REDIS_URL)"
                            + " or docker",
                    e);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        // Right after a stop the old process may still hold the port for a moment; retry, bounded.
        long deadline = System.nanoTime() + START_RETRY_NANOS;
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                server.start();
                running = true;
                return;
            } catch (IOException e) {
                last = e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        throw new TestKitException(
                "embedded mode: Redis could not start on port " + port + " within "
                        + TimeUnit.NANOSECONDS.toSeconds(START_RETRY_NANOS) + " s",
                last);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            server.stop();
            running = false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded Redis on port " + port, e);
        }
        // Return only once the port refuses connections, so "stopped" means stopped for the caller.
        long deadline = System.nanoTime() + START_RETRY_NANOS;
        while (System.nanoTime() - deadline < 0 && accepts(port)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server and deletes its working directory. Never throws. */
    public synchronized void destroy() {
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort at exit
        }
        DirectoryCleaner.deleteRecursively(workDirectory);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public boolean isRestartable() {
        return true;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String toString() {
        return "embedded Redis (port " + port + ")";
    }
}
