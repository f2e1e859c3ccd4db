package org.shardkit.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.testing.ShardServersExtension;

/**
 * The service example on a random port over two real PostgreSQL shards of the test kit, wired as
 * {@link SocialService#main} wires it ({@link RunningService}), each endpoint called once over real
 * HTTP; the failure statuses are in {@code DegradedServiceIT}.
 */
class SocialServiceIT {

    @RegisterExtension
    @Order(1)
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @RegisterExtension
    @Order(2)
    static final RunningService service = RunningService.over(servers, Map.of());

    @Test
    void health_listsEveryShard_up() throws Exception {
        HttpApi.Answer health = service.api().get("/actuator/health");

        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        JsonNode shards = health.json().path("components").path("shardkit").path("components");
        List<String> names = new ArrayList<>();
        shards.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("social_0", "social_1");
        for (int i = 0; i < 2; i++) {
            JsonNode shard = shards.path("social_" + i);
            assertThat(shard.path("status").asText()).isEqualTo("UP");
            assertThat(shard.path("details").path("shard").asInt()).isEqualTo(i);
            assertThat(shard.path("details").path("breaker").asText()).isEqualTo("CLOSED");
        }
    }

    @Test
    void agent_createdThenRead_prometheusShowsTheRead() throws Exception {
        HttpApi.Answer created = service.api()
                .post(
                        "/agents",
                        "{\"handle\":\"Ada\",\"name\":\"Ada\",\"personality\":\"analyst\",\"interests\":[17,3],\"bio\":\"b\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode ada = created.json();
        assertThat(ada.path("handle").asText()).isEqualTo("ada");
        assertThat(ada.path("personality").asText()).isEqualTo("ANALYST");
        assertThat(ada.path("interests").toString()).isEqualTo("[3,17]");
        assertThat(created.header("Location"))
                .hasValue("/agents/" + ada.path("id").asLong());

        HttpApi.Answer read = service.api().get("/agents/" + ada.path("id").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("id").asLong()).isEqualTo(ada.path("id").asLong());
        assertThat(read.json().path("name").asText()).isEqualTo("Ada");
        assertThat(read.json().path("status").asText()).isEqualTo("ACTIVE");

        HttpApi.Answer metrics = service.api().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .contains("shardkit_breaker_state{")
                .containsPattern("shardkit_social_read_seconds_count\\{.*operation=\"agent\"");
    }

    @Test
    void agent_unknown_404_withOurMessage() throws Exception {
        HttpApi.Answer missing = service.api().get("/agents/12345");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).isEqualTo("no agent has id 12345");
        assertThat(missing.json().path("agentId").asLong()).isEqualTo(12345);
    }

    @Test
    void badInput_400_namingTheField() throws Exception {
        HttpApi.Answer handle = service.api()
                .post(
                        "/agents",
                        "{\"handle\":\"no spaces\",\"name\":\"X\",\"personality\":\"helper\",\"interests\":[]}");
        assertThat(handle.status()).isEqualTo(400);
        assertThat(handle.json().path("field").asText()).isEqualTo("handle");
        assertThat(handle.json().path("detail").asText()).startsWith("handle ").contains("'no spaces'");

        HttpApi.Answer personality = service.api()
                .post("/agents", "{\"handle\":\"x\",\"name\":\"X\",\"personality\":\"grumpy\",\"interests\":[]}");
        assertThat(personality.status()).isEqualTo(400);
        assertThat(personality.json().path("field").asText()).isEqualTo("personality");

        HttpApi.Answer id = service.api().get("/agents/abc");
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.json().path("field").asText()).isEqualTo("id");
        assertThat(id.json().path("detail").asText()).isEqualTo("id must be a number, but was 'abc'");

        HttpApi.Answer order = service.api().get("/agents/1/friends?order=alphabetical");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.json().path("detail").asText())
                .isEqualTo("order must be one of strength, recent, but was 'alphabetical'");

        HttpApi.Answer limit = service.api().get("/agents/1/feed?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().path("field").asText()).isEqualTo("limit");

        HttpApi.Answer type =
                service.api().post("/agents/1/interactions", "{\"recipientId\":2,\"type\":\"poke\",\"content\":\"x\"}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.json().path("field").asText()).isEqualTo("type");
    }

    @Test
    void friendship_requestAccept_thenInteraction_feedFriendsAndCompatible() throws Exception {
        long adaId = service.createAgent("Ada", "analyst", "[1, 2, 3]");
        long bobId = service.createAgent("Bob", "creator", "[1, 2, 3]");
        long cyId = service.createAgent("Cy", "creator", "[1, 2, 3]");

        HttpApi.Answer requested =
                service.api().post("/agents/" + adaId + "/friend-requests", "{\"to\":" + bobId + "}");
        assertThat(requested.status()).as(requested.text()).isEqualTo(201);
        assertThat(requested.json().path("status").asText()).isEqualTo("PENDING");
        service.converge();
        HttpApi.Answer accepted = service.api().post("/agents/" + bobId + "/friend-requests/" + adaId + "/accept", "");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("friendId").asLong()).isEqualTo(adaId);
        service.converge();
        HttpApi.Answer again = service.api().post("/agents/" + bobId + "/friend-requests/" + adaId + "/accept", "");
        assertThat(again.status()).isEqualTo(409);

        HttpApi.Answer sent = service.api()
                .post(
                        "/agents/" + adaId + "/interactions?ack=committed",
                        "{\"recipientId\":" + bobId + ",\"type\":\"message\",\"content\":\"hello bob\"}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        long interactionId = sent.json().path("id").asLong();
        assertThat(interactionId).isPositive();

        HttpApi.Answer feed = service.api().get("/agents/" + bobId + "/feed?limit=5");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.json().path("items")).hasSize(1);
        JsonNode item = feed.json().path("items").path(0);
        assertThat(item.path("interaction").path("id").asLong()).isEqualTo(interactionId);
        assertThat(item.path("interaction").path("content").asText()).isEqualTo("hello bob");
        assertThat(item.path("authorName").asText()).isEqualTo("Ada");

        for (String order : List.of("strength", "recent")) {
            HttpApi.Answer friends = service.api().get("/agents/" + adaId + "/friends?order=" + order + "&limit=10");
            assertThat(friends.status()).isEqualTo(200);
            assertThat(friends.json().path("items")).hasSize(1);
            JsonNode friend = friends.json().path("items").path(0);
            assertThat(friend.path("friendId").asLong()).isEqualTo(bobId);
            assertThat(friend.path("interactionCount").asInt()).isEqualTo(1);
            assertThat(friend.path("strengthLevel").asInt()).isEqualTo(13); // floor(20 ln 2)
            assertThat(friends.json().path("nextCursor").isNull()).isTrue();
        }

        HttpApi.Answer compatible = service.api().get("/agents/" + adaId + "/compatible?limit=50");
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.json().path("complete").asBoolean()).isTrue();
        assertThat(compatible.json().path("missingShards")).isEmpty();
        assertThat(compatible.json().has("availableAgents")).isFalse();
        List<Long> candidates = new ArrayList<>();
        compatible
                .json()
                .path("agents")
                .forEach(c -> candidates.add(c.path("agent").path("id").asLong()));
        assertThat(candidates).contains(cyId).doesNotContain(adaId, bobId);
    }

    @Test
    void interaction_journaledByDefault_202WithItsId() throws Exception {
        long a = service.createAgent("Dee", "helper", "[5]");
        long b = service.createAgent("Eve", "leader", "[5]");

        HttpApi.Answer sent = service.api()
                .post(
                        "/agents/" + a + "/interactions",
                        "{\"recipientId\":" + b + ",\"type\":\"SHARE\",\"content\":\"look\"}");

        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.json().path("id").asLong()).isPositive();
        assertThat(sent.json().path("initiatorId").asLong()).isEqualTo(a);
        assertThat(sent.json().path("type").asText()).isEqualTo("SHARE");
    }
}
