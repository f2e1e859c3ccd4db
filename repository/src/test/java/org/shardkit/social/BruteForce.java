package org.shardkit.social;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;

/**
 * Every row of every shard, read with plain {@code SELECT *}, and each read path's answer computed
 * from them in Java, without the repository's queries: what the paths must equal.
 */
final class BruteForce {
    /** One row of {@code friendship}: the record and whether its friend is visible. */
    record Edge(Friendship row, boolean peerActive) {}

    final Map<Long, Agent> agents = new HashMap<>();
    /** Each agent's shard, as its row was read. */
    final Map<Long, ShardId> shardOf = new HashMap<>();

    final List<Edge> edges = new ArrayList<>();
    final List<Interaction> interactions = new ArrayList<>();
    final List<Interaction> inbox = new ArrayList<>();

    BruteForce(ShardedDatabase db) {
        for (ShardId s : db.shardIds()) {
            db.withShardId(s, h -> {
                h.createQuery("SELECT " + Rows.AGENT_COLUMNS + " FROM agent")
                        .map(Rows.AGENT)
                        .forEach(a -> {
                            agents.put(a.id(), a);
                            shardOf.put(a.id(), s);
                        });
                h.createQuery("SELECT " + Rows.FRIENDSHIP_COLUMNS + ", peer_active FROM friendship")
                        .map((rs, ctx) -> new Edge(Rows.FRIENDSHIP.map(rs, ctx), rs.getBoolean("peer_active")))
                        .forEach(edges::add);
                h.createQuery("SELECT " + Rows.INTERACTION_COLUMNS + " FROM interaction")
                        .map(Rows.INTERACTION)
                        .forEach(interactions::add);
                h.createQuery("SELECT " + Rows.INTERACTION_COLUMNS + " FROM interaction_inbox")
                        .map(Rows.INTERACTION)
                        .forEach(inbox::add);
                return null;
            });
        }
    }

    private List<Friendship> rowsOf(long agent, FriendshipStatus status) {
        return edges.stream()
                .filter(e -> e.row().agentId() == agent && e.row().status() == status && e.peerActive())
                .map(Edge::row)
                .toList();
    }

    /** The interactions of the agent's accepted, visible friends, newest first, ties by the higher id. */
    List<FeedItem> feed(long agent) {
        Set<Long> friends = new HashSet<>();
        rowsOf(agent, FriendshipStatus.ACCEPTED).forEach(f -> friends.add(f.friendId()));
        return interactions.stream()
                .filter(i -> friends.contains(i.initiatorId()))
                .sorted(Comparator.comparing(Interaction::createdAt)
                        .thenComparingLong(Interaction::id)
                        .reversed())
                .map(i -> {
                    Agent author = java.util.Objects.requireNonNull(agents.get(i.initiatorId()));
                    return new FeedItem(i, author.name(), author.personality());
                })
                .toList();
    }

    /** The accepted, visible friends in an order, ties by the higher friend id. */
    List<Friendship> friends(long agent, FriendOrder order) {
        Comparator<Friendship> key = order == FriendOrder.STRENGTH
                ? Comparator.comparingInt(Friendship::strengthLevel)
                : Comparator.comparing(
                        (Friendship f) -> f.lastInteractionAt() == null ? Instant.MIN : f.lastInteractionAt());
        return rowsOf(agent, FriendshipStatus.ACCEPTED).stream()
                .sorted(key.thenComparingLong(Friendship::friendId).reversed())
                .toList();
    }

    /** Pending requests sent or received, newest first, ties by the higher friend id. */
    List<Friendship> requests(long agent, RequestDirection direction) {
        return rowsOf(agent, FriendshipStatus.PENDING).stream()
                .filter(f -> (f.requestedBy() == agent) == (direction == RequestDirection.SENT))
                .sorted(Comparator.comparing(Friendship::createdAt)
                        .thenComparingLong(Friendship::friendId)
                        .reversed())
                .toList();
    }

    /** The inbox, newest first. */
    List<Interaction> received(long agent) {
        return inbox.stream()
                .filter(i -> i.recipientId() == agent)
                .sorted(Comparator.comparing(Interaction::createdAt)
                        .thenComparingLong(Interaction::id)
                        .reversed())
                .toList();
    }

    /**
     * The top {@code k} compatible agents, scored as docs/social.md says, computed here in Java from
     * the rows: active agents sharing an interest, not the agent, not a friend, not blocked either way;
     * of those, each shard's {@link SocialSettings#compatibleCandidates()} (or {@code k}, if more)
     * most recently active by
     * day (the UTC date of {@code last_active_at}; ties: the higher id) are scored.
     */
    List<CompatibleAgent> compatible(long agent, int k, SocialSettings settings, Instant now) {
        Agent a = java.util.Objects.requireNonNull(agents.get(agent));
        Set<Long> excluded = new HashSet<>();
        edges.stream()
                .filter(e -> e.row().agentId() == agent
                        && (e.row().status() == FriendshipStatus.ACCEPTED
                                || e.row().status() == FriendshipStatus.BLOCKED))
                .forEach(e -> excluded.add(e.row().friendId()));
        Comparator<Agent> recentFirst = Comparator.comparing((Agent b) ->
                        b.lastActiveAt().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .thenComparingLong(Agent::id)
                .reversed();
        Map<ShardId, List<Agent>> candidates = new HashMap<>();
        agents.values().stream()
                .filter(b -> b.id() != agent && b.status() == AgentStatus.ACTIVE && !excluded.contains(b.id()))
                .filter(b -> b.interests().stream().anyMatch(a.interests()::contains))
                .forEach(b -> candidates
                        .computeIfAbsent(shardOf.get(b.id()), x -> new ArrayList<>())
                        .add(b));
        return candidates.values().stream()
                .flatMap(onShard ->
                        onShard.stream().sorted(recentFirst).limit(Math.max(settings.compatibleCandidates(), k)))
                .map(b -> new CompatibleAgent(b, score(a, b, settings, now)))
                .sorted(Comparator.comparingDouble(CompatibleAgent::score)
                        .reversed()
                        .thenComparingLong(c -> c.agent().id()))
                .limit(k)
                .toList();
    }

    static double score(Agent a, Agent b, SocialSettings s, Instant now) {
        long common = b.interests().stream().filter(a.interests()::contains).count();
        double jaccard =
                (double) common / (double) (a.interests().size() + b.interests().size() - common);
        long hours = Math.max(0, Math.floorDiv(Times.micros(now) - Times.micros(b.lastActiveAt()), 3_600_000_000L));
        double h = s.recencyHalfLife().toHours();
        double recency = h / (h + hours);
        return s.personalityWeight() * Compatibility.matrix(a.personality(), b.personality())
                + s.interestWeight() * jaccard
                + s.recencyWeight() * recency;
    }
}
