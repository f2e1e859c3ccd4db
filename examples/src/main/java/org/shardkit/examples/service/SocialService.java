package org.shardkit.examples.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.shardkit.social.SocialRepository;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The service example: a Spring Boot application whose {@code ShardedDatabase} and {@code
 * SocialRepository} come from shardkit's starter ({@code application.yml} holds every setting but
 * the shards' addresses), with REST endpoints over the repository ({@link AgentController}, {@link
 * WriteController}) and Actuator's {@code /actuator/health} and {@code /actuator/prometheus}.
 *
 * <p>{@link #main} needs only a JDK: it starts two embedded PostgreSQL servers, passes their
 * addresses to Spring, lets the starter migrate the schema, seeds demo agents and prints URLs to
 * try. Run it with {@code mvn -B -q -Pservice -pl examples -am verify -DskipTests}; Ctrl-C stops
 * the service (the repository drains its write queue), then the servers, and deletes their data.
 */
@SpringBootApplication
public class SocialService {
    /** The shards {@link #main} starts: {@value}. */
    static final int SHARDS = 2;

    /** The agents {@link #main} seeds: {@value}. */
    static final int AGENTS = 300;

    /** Created by Spring. */
    public SocialService() {}

    /**
     * Starts the embedded shards and the service, seeds it and prints what to try.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
     * @throws IOException if the journal's temporary directory cannot be created
     */
    public static void main(String[] args) throws IOException {
        System.out.println("Starting " + SHARDS + " embedded PostgreSQL shards ...");
        ShardCluster cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(SHARDS)
                .start();
        Path journal = Files.createTempDirectory("shardkit-example-journal-");
        ConfigurableApplicationContext context;
        try {
            ShardSettings settings = new ShardSettings();
            for (PostgresServer server : cluster.servers()) {
                settings.shard(server.index(), server.jdbcUrl(), server.user(), server.password());
            }
            settings.with("shardkit.social.write-journal.directory", journal.toString());
            context = start(settings.properties(), args);
        } catch (RuntimeException e) {
            cluster.close();
            delete(journal);
            throw e;
        }
        // One hook, in order: the context (the repository drains its queue, then the database
        // closes), then the servers. Spring's own hook would race the servers' shutdown.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            context.close();
                            cluster.close();
                            delete(journal);
                        },
                        "shardkit-example-stop"));

        System.out.println("Seeding " + AGENTS + " agents with friendships and interactions ...");
        DemoData demo = DemoData.seed(context.getBean(SocialRepository.class), AGENTS);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        System.out.println(demo.describe("http://localhost:" + port));
    }

    /**
     * Starts the service with properties that take precedence over every other source (the
     * shards' addresses, a test's port).
     *
     * @param properties the properties
     * @param args Spring Boot arguments
     * @return the running context; closing it stops the service
     */
    static ConfigurableApplicationContext start(Map<String, Object> properties, String... args) {
        SpringApplication app = new SpringApplication(SocialService.class);
        app.setRegisterShutdownHook(false);
        app.addInitializers(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("shardkitExampleShards", properties)));
        return app.run(args);
    }

    /** Deletes a directory and what it holds. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
