package org.shardkit.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A Prometheus scrape endpoint on the loopback address, {@code http://127.0.0.1:PORT/metrics}, over
 * the JDK's own HTTP server (no web framework for one URL). Its registry holds the JVM's and the
 * machine's meters (memory, GC, threads, class loading, CPU, uptime, open files, disk space: the
 * seed's resource monitor) and whatever else is given it: the demo gives it to the database, the
 * repository and the cache, so their {@code shardkit.*} meters are scraped too.
 *
 * <p>Thread-safe. {@link #close()} stops the server and the GC listener.
 */
final class MetricsEndpoint implements AutoCloseable {
    /** The path the metrics are served on. */
    static final String PATH = "/metrics";
    /** Prometheus's text format, version 0.0.4. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final HttpServer server;

    private MetricsEndpoint(PrometheusMeterRegistry registry, JvmGcMetrics gc, HttpServer server) {
        this.registry = registry;
        this.gc = gc;
        this.server = server;
    }

    /**
     * Creates the registry with the resource meters and starts serving it.
     *
     * @param port the port on 127.0.0.1; 0 for any free one
     * @param disk a directory whose file system's free space is reported (where the shards' data is)
     * @return the running endpoint
     * @throws IllegalArgumentException if the port is out of range
     * @throws UncheckedIOException if the port cannot be bound, naming it
     */
    static MetricsEndpoint start(int port, File disk) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new DiskSpaceMetrics(disk).bindTo(registry);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            gc.close();
            registry.close();
            throw new UncheckedIOException("cannot serve metrics on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.createContext(PATH, exchange -> scrape(registry, exchange));
        server.start();
        return new MetricsEndpoint(registry, gc, server);
    }

    private static void scrape(PrometheusMeterRegistry registry, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Returns the registry: give it to whatever should be scraped. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Returns the port served on. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Returns the scrape URL, {@code http://127.0.0.1:PORT/metrics}. */
    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + PATH;
    }

    /** Stops serving and releases the GC listener; the registry is closed too. */
    @Override
    public void close() {
        server.stop(0);
        gc.close();
        registry.close();
    }
}
