package org.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's main path at a tiny scale, in this JVM: its own four embedded PostgreSQL servers and
 * embedded Redis, 500 agents seeded, 10 users for 3 s, the table; the metrics endpoint scraped over
 * HTTP while the workload runs.
 */
class SocialDemoIT {
    private static final int AGENTS = 500;
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void run_tinyGraph_everyOperationCalledWithoutErrors_andMetricsServed() throws Exception {
        DemoOptions options = DemoOptions.parse(List.of(
                "--agents", String.valueOf(AGENTS), "--duration", "3s", "--users", "10", "--think-time", "100ms"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SocialDemo demo = new SocialDemo(
                options, new PrintStream(printed, true, StandardCharsets.UTF_8), false, System::nanoTime);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<SocialDemo.DemoResult> run = runner.submit(demo::run);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!demo.awaitWorkload(Duration.ofSeconds(1))) {
                if (run.isDone()) {
                    run.get(); // the run failed before its workload: show why
                }
                assertThat(System.nanoTime() - deadline)
                        .as("the workload started within " + WAIT)
                        .isNegative();
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(Objects.requireNonNull(demo.metricsUrl())))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            SocialDemo.DemoResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            String output = printed.toString(StandardCharsets.UTF_8);
            System.out.print(output); // into the test report

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(scrape.body().lines())
                    .as("JVM, machine and shardkit series")
                    .anyMatch(l -> l.startsWith("jvm_memory_used_bytes"))
                    .anyMatch(l -> l.startsWith("process_cpu_usage"))
                    .anyMatch(l -> l.startsWith("shardkit_"));

            assertThat(result.operations()).hasSize(Operation.values().length);
            for (OperationStats.Summary op : result.operations()) {
                assertThat(op.count())
                        .as(op.operation().label() + " calls\n" + output)
                        .isPositive();
                assertThat(op.errors())
                        .as(op.operation().label() + " errors: " + op.errorSamples())
                        .isZero();
                assertThat(op.p50()).as(op.operation().label()).isPositive().isLessThanOrEqualTo(op.p99());
                assertThat(result.table()).contains(op.operation().label());
            }
            assertThat(output)
                    .contains(result.table())
                    .contains("skew (max/mean)")
                    .contains("Warm-up: each operation")
                    .doesNotContain("failed, the first with");

            long created = count(result, Operation.CREATE_AGENT);
            assertThat(result.shards()).hasSize(DemoServers.EMBEDDED_SHARDS);
            assertThat(result.shards().stream().mapToLong(ShardRows::agents).sum())
                    .as("every seeded and every created agent (the warm-up's too), once")
                    .isEqualTo(AGENTS + created + SocialDemo.WARM_UP_ROUNDS);
            assertThat(result.shards()).allSatisfy(s -> assertThat(s.agents()).isPositive());
        } finally {
            demo.requestStop();
            runner.shutdownNow();
        }
    }

    private static long count(SocialDemo.DemoResult result, Operation op) {
        return result.operations().stream()
                .filter(s -> s.operation() == op)
                .mapToLong(OperationStats.Summary::count)
                .sum();
    }
}
