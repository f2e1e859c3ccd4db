package org.shardkit.examples.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.Agent;
import org.shardkit.social.Interaction;
import org.shardkit.social.InteractionType;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Personality;
import org.shardkit.social.SocialRepository;

/**
 * Demo data written through the repository's public API, as the service's clients would write it:
 * agents, friend requests and their acceptance, and interactions through the write queue. Drawn
 * from a fixed seed, so every run looks alike (the ids differ).
 *
 * <p>Immutable once seeded.
 */
final class DemoData {
    private static final long SEED = 17;
    private static final int REQUESTS_PER_AGENT = 3;
    private static final int INTERESTS_PER_AGENT = 4;
    /** Interest ids are drawn below this, so that agents share some. */
    private static final int INTEREST_IDS = 24;
    /** How long the outbox may take to apply the cross-shard halves of the requests or accepts. */
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private static final String[] NAMES = {
        "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Alan", "Hedy"
    };
    private static final String[] LINES = {
        "hello", "read this", "nice work", "shall we build it?", "see you at the meetup", "thanks!"
    };

    private final List<Agent> agents;
    private final Map<Long, Set<Long>> friends;
    private final int interactions;

    private DemoData(List<Agent> agents, Map<Long, Set<Long>> friends, int interactions) {
        this.agents = List.copyOf(agents);
        this.friends = friends;
        this.interactions = interactions;
    }

    /**
     * Seeds {@code count} agents, about {@code 3 × count} friendships and two interactions per
     * friendship, and waits until all of it is on both shards of each pair.
     *
     * @param social the repository
     * @param count how many agents
     * @return what was seeded
     * @throws IllegalStateException if the outbox does not converge within a minute
     */
    static DemoData seed(SocialRepository social, int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            agents.add(social.createAgent(newAgent(i, random)));
        }

        Map<Long, Set<Long>> friends = new HashMap<>();
        List<long[]> pairs = new ArrayList<>(); // requester, recipient
        for (Agent a : agents) {
            for (int k = 0; k < REQUESTS_PER_AGENT; k++) {
                Agent b = agents.get(random.nextInt(agents.size()));
                if (b.id() != a.id()
                        && friends.computeIfAbsent(a.id(), x -> new HashSet<>()).add(b.id())) {
                    friends.computeIfAbsent(b.id(), x -> new HashSet<>()).add(a.id());
                    pairs.add(new long[] {a.id(), b.id()});
                    social.requestFriendship(a.id(), b.id());
                }
            }
        }
        converge(social, "friend requests");
        for (long[] p : pairs) {
            social.acceptFriendship(p[1], p[0]);
        }
        converge(social, "accepted friendships");

        List<CompletableFuture<Interaction>> sent = new ArrayList<>();
        InteractionType[] types = InteractionType.values();
        for (long[] p : pairs) {
            for (int side = 0; side < 2; side++) {
                sent.add(social.recordInteraction(
                        p[side],
                        p[1 - side],
                        types[random.nextInt(types.length)],
                        LINES[random.nextInt(LINES.length)],
                        Ack.COMMITTED));
            }
        }
        social.flushWrites();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .orTimeout(CONVERGE.toSeconds(), TimeUnit.SECONDS)
                .join();
        return new DemoData(agents, friends, sent.size());
    }

    private static NewAgent newAgent(int i, SplittableRandom random) {
        Personality[] personalities = Personality.values();
        List<Integer> interests = new ArrayList<>();
        for (int k = 0; k < INTERESTS_PER_AGENT; k++) {
            interests.add(random.nextInt(INTEREST_IDS));
        }
        String name = NAMES[i % NAMES.length] + " " + (i / NAMES.length + 1);
        return new NewAgent(
                String.format("agent_%04d", i),
                name,
                personalities[random.nextInt(personalities.length)],
                interests,
                "a demo agent");
    }

    private static void converge(SocialRepository social, String what) {
        if (!social.awaitConverged(CONVERGE)) {
            throw new IllegalStateException("the outbox did not apply the " + what + " within " + CONVERGE);
        }
    }

    /** Returns the agent with the most friends. */
    Agent hub() {
        Agent best = agents.get(0);
        for (Agent a : agents) {
            if (friendsOf(a).size() > friendsOf(best).size()) {
                best = a;
            }
        }
        return best;
    }

    private Set<Long> friendsOf(Agent a) {
        return friends.getOrDefault(a.id(), Set.of());
    }

    /**
     * Returns what was seeded and curl commands to try against the service.
     *
     * @param base the service's base URL, e.g. {@code http://localhost:8080}
     */
    String describe(String base) {
        Agent hub = hub();
        long friend = friendsOf(hub).iterator().next();
        long stranger = agents.stream()
                .map(Agent::id)
                .filter(id -> id != hub.id() && !friendsOf(hub).contains(id))
                .findFirst()
                .orElseThrow();
        int friendships = friends.values().stream().mapToInt(Set::size).sum() / 2;
        String json = "-H 'Content-Type: application/json' -d ";
        return String.join(
                "\n",
                "",
                "shardkit example service on " + base + ": " + SocialService.SHARDS + " embedded shards, "
                        + agents.size() + " agents, " + friendships + " friendships, " + interactions
                        + " interactions.",
                "Agent " + hub.id() + " (" + hub.name() + ") has the most friends. Try:",
                "",
                "  curl " + base + "/agents/" + hub.id(),
                "  curl '" + base + "/agents/" + hub.id() + "/feed?limit=5'",
                "  curl '" + base + "/agents/" + hub.id() + "/friends?order=strength&limit=5'",
                "  curl '" + base + "/agents/" + hub.id() + "/friends?order=recent&limit=5'",
                "  curl '" + base + "/agents/" + hub.id() + "/compatible?limit=5'",
                "  curl -X POST " + base + "/agents " + json
                        + "'{\"handle\":\"neo\",\"name\":\"Neo\",\"personality\":\"explorer\",\"interests\":[3,17],\"bio\":\"\"}'",
                "  curl -X POST " + base + "/agents/" + hub.id() + "/interactions " + json + "'{\"recipientId\":"
                        + friend + ",\"type\":\"message\",\"content\":\"hello\"}'",
                "  curl -X POST " + base + "/agents/" + hub.id() + "/friend-requests " + json + "'{\"to\":" + stranger
                        + "}'",
                "  curl -X POST " + base + "/agents/" + stranger + "/friend-requests/" + hub.id() + "/accept",
                "  curl " + base + "/actuator/health",
                "  curl -s " + base + "/actuator/prometheus | grep '^shardkit_'",
                "",
                "Ctrl-C stops the service (its write queue drains first), then the shards, and deletes their data.");
    }
}
