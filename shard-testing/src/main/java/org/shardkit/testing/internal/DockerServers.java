package org.shardkit.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.RedisServer;
import org.shardkit.testing.TestEnvironment;
import org.shardkit.testing.TestKitException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Servers in Docker containers through Testcontainers. Loaded only in Docker mode, so the optional
 * {@code org.testcontainers:testcontainers-postgresql} dependency is needed only there.
 *
 * <p>Thread-safe.
 */
public final class DockerServers {
    private DockerServers() {}

    /**
     * Fails unless a Docker engine answers.
     *
     * @throws TestKitException if none does
     */
    public static void requireDocker() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (!available) {
            throw new TestKitException(
                    "docker mode: no Docker engine was detected (Testcontainers found no usable DOCKER_HOST or socket); "
                            + TestEnvironment.howToChoose());
        }
    }

    /**
     * Starts one PostgreSQL container.
     *
     * @param index the shard's position
     * @param image the image, e.g. {@code postgres:15-alpine}
     * @param settings server settings passed as {@code -c key=value}
     * @return the running container's handle
     */
    public static PostgresServer startPostgres(int index, String image, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of("postgres", "-c", "fsync=on"));
        settings.forEach((k, v) -> {
            command.add("-c");
            command.add(k + "=" + v);
        });
        @SuppressWarnings("resource") // closed at JVM exit by Testcontainers' reaper
        PostgreSQLContainer container = new PostgreSQLContainer(image).withCommand(command.toArray(new String[0]));
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new TestKitException(
                    "docker mode: PostgreSQL shard " + index + " (" + image + ") could not start: " + e.getMessage()
                            + "; " + TestEnvironment.howToChoose(),
                    e);
        }
        return new DockerPostgres(index, container);
    }

    /**
     * Starts one Redis container.
     *
     * @param image the image, e.g. {@code redis:7-alpine}
     * @return the running container's handle
     */
    public static RedisServer startRedis(String image) {
        @SuppressWarnings("resource") // closed at JVM exit by Testcontainers' reaper
        GenericContainer<?> container = new GenericContainer<>(image).withExposedPorts(6379);
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new TestKitException(
                    "docker mode: Redis (" + image + ") could not start: " + e.getMessage() + "; "
                            + TestEnvironment.howToChoose(),
                    e);
        }
        return new DockerRedis(container);
    }

    private static final class DockerPostgres implements PostgresServer {
        private final int index;
        private final PostgreSQLContainer container;
        private final DataSource dataSource;

        DockerPostgres(int index, PostgreSQLContainer container) {
            this.index = index;
            this.container = container;
            this.dataSource =
                    PgDataSources.of(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(5432);
        }

        @Override
        public String jdbcUrl() {
            return container.getJdbcUrl();
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public boolean isRestartable() {
            // A restarted container gets a new mapped port; tests that stop a shard are skipped instead.
            return false;
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException("docker mode: restarting shard " + index + " is not supported");
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException("docker mode: restarting shard " + index + " is not supported");
        }

        @Override
        public String toString() {
            return "docker shard " + index + " (" + container.getJdbcUrl() + ")";
        }
    }

    private static final class DockerRedis implements RedisServer {
        private final GenericContainer<?> container;

        DockerRedis(GenericContainer<?> container) {
            this.container = container;
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(6379);
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public boolean isRestartable() {
            return false;
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException("docker mode: restarting Redis is not supported");
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException("docker mode: restarting Redis is not supported");
        }
    }
}
