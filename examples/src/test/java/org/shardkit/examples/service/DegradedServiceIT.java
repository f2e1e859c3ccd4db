package org.shardkit.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.testing.ShardServersExtension;

/**
 * The service's answers when it cannot do all that is asked: a full write queue (a queue of one
 * interaction, refusing at once, whose batches are due only in an hour) and a shard whose server is
 * stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the stopped shard last: its breaker stays open a while
class DegradedServiceIT {

    @RegisterExtension
    @Order(1)
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @RegisterExtension
    @Order(2)
    static final RunningService service = RunningService.over(
            servers,
            Map.of(
                    "shardkit.social.write-queue.capacity", 1,
                    "shardkit.social.write-queue.when-full", "reject",
                    "shardkit.social.interaction-batches.max-age", "1h"));

    @Test
    @Order(1)
    void fullWriteQueue_503_withRetryAfter() throws Exception {
        long a = service.createAgent("Ann", "helper", "[7]");
        long b = service.createAgent("Ben", "helper", "[7]");
        String body = "{\"recipientId\":" + b + ",\"type\":\"comment\",\"content\":\"one\"}";

        HttpApi.Answer first = service.api().post("/agents/" + a + "/interactions", body);
        assertThat(first.status()).as(first.text()).isEqualTo(202); // journaled; its batch waits
        HttpApi.Answer second = service.api().post("/agents/" + a + "/interactions", body);

        assertThat(second.status()).as(second.text()).isEqualTo(503);
        assertThat(second.header("Retry-After")).hasValue(ApiErrors.RETRY_AFTER_SECONDS);
        assertThat(second.json().path("detail").asText())
                .startsWith("write queue '")
                .contains("full: 1 of 1 ")
                .contains("policy REJECT");
        assertThat(second.json().path("depth").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void shardStopped_compatibleIsPartialNamingIt_healthDown() throws Exception {
        long asker;
        do { // an agent on shard 0, the shard that stays up
            asker = service.createAgent("Cat", "explorer", "[8, 9]");
        } while (service.shardOf(asker) != 0);
        servers.shard(1).stopServer(); // started again after the test

        HttpApi.Answer compatible = service.api().get("/agents/" + asker + "/compatible?limit=5");

        assertThat(compatible.status()).as(compatible.text()).isEqualTo(200);
        JsonNode answer = compatible.json();
        assertThat(answer.path("complete").asBoolean()).isFalse();
        assertThat(answer.has("agents")).as("a partial answer has no 'agents'").isFalse();
        assertThat(answer.path("availableAgents").isArray()).isTrue();
        assertThat(answer.path("missingShards")).hasSize(1);
        JsonNode missing = answer.path("missingShards").path(0);
        assertThat(missing.path("shard").asInt()).isEqualTo(1);
        assertThat(missing.path("name").asText()).isEqualTo("social_1");
        assertThat(missing.path("reason").asText()).contains("social_1");

        HttpApi.Answer health = service.api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode shards = health.json().path("components").path("shardkit").path("components");
        assertThat(shards.path("social_0").path("status").asText()).isEqualTo("UP");
        assertThat(shards.path("social_1").path("status").asText()).isEqualTo("DOWN");
    }
}
