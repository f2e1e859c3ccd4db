package org.shardkit.social;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.ScatterRequest;

/**
 * Agent rows and their handles: create, read (one, many, by handle), update, deactivate. An agent
 * lives on the shard of its id; its handle's lookup row on the shard of the handle's hash.
 * Thread-safe.
 */
final class AgentStore {
    static final String DEACTIVATION = "social.deactivation";
    private static final int SPREAD_ATTEMPTS = 5;

    private final ShardedDatabase db;
    private final CrossShardWriter writer;
    private final InputRules rules;
    private final Handles handles;
    private final Clock clock;

    AgentStore(ShardedDatabase db, CrossShardWriter writer, InputRules rules, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.rules = rules;
        this.handles = new Handles(db);
        this.clock = clock;
    }

    Agent create(NewAgent draft) {
        InputRules.required("agent", draft);
        String handle = rules.handle("handle", draft.handle());
        String name = rules.name("name", draft.name());
        Personality personality = InputRules.required("personality", draft.personality());
        Integer[] interests = rules.interests(draft.interests());
        String bio = rules.bio("bio", draft.bio());
        long id = db.ids().nextId();
        Instant now = Times.now(clock);
        Agent agent =
                new Agent(id, handle, name, personality, List.of(interests), bio, AgentStatus.ACTIVE, 0, now, now);
        Long orphan = handles.orphanOwner(handle, id);
        ShardKey agentKey = ShardKey.of(id);
        if (writer.mode() == CrossShardMode.TWO_PHASE_COMMIT) {
            return db.inDistributedTransaction(List.of(agentKey, Handles.key(handle)), tx -> {
                Handles.claim(tx.handle(Handles.key(handle)), handle, id, orphan);
                insert(tx.handle(agentKey), agent, interests);
                return agent;
            });
        }
        handles.claimAlone(handle, id, orphan);
        try {
            db.useTransaction(agentKey, h -> insert(h, agent, interests));
        } catch (RuntimeException e) {
            handles.releaseAlone(handle, id);
            throw e;
        }
        return agent;
    }

    private static void insert(Handle h, Agent a, Integer[] interests) {
        h.createUpdate("INSERT INTO agent (id, handle, name, personality, interests, bio, status, friend_count,"
                        + " created_at, last_active_at) VALUES (:id, :handle, :name, :personality,"
                        + " CAST(:interests AS integer[]), :bio, 'active', 0, :created, :created)")
                .bind("id", a.id())
                .bind("handle", a.handle())
                .bind("name", a.name())
                .bind("personality", a.personality().code())
                .bind("interests", Rows.intArray(interests))
                .bind("bio", a.bio())
                .bind("created", Times.bind(a.createdAt()))
                .execute();
    }

    Optional<Agent> find(long id) {
        InputRules.id("agentId", id);
        return db.withReadOnly(ShardKey.of(id), h -> AgentRows.find(h, id));
    }

    Agent get(long id) {
        return find(id).orElseThrow(() -> new AgentNotFoundException(id, false));
    }

    /** Reads many agents with one query per shard that holds some of them, the shards in parallel. */
    Map<Long, Agent> findAll(Collection<Long> ids) {
        InputRules.required("ids", ids);
        if (ids.size() > rules.settings().maxPageSize()) {
            throw new InvalidInputException(
                    "ids",
                    ids.size() + " ids",
                    "must hold at most " + rules.settings().maxPageSize() + " ids");
        }
        List<Long> wanted = new ArrayList<>();
        for (Long id : ids) {
            wanted.add(
                    InputRules.id("ids[" + wanted.size() + "]", InputRules.required("ids[" + wanted.size() + "]", id)));
        }
        Map<ShardId, List<Long>> byShard = db.groupByShard(wanted, ShardKey::of);
        Map<Long, Agent> found = new java.util.HashMap<>();
        if (!byShard.isEmpty()) {
            db.scatter(
                            ScatterRequest.onShards(byShard.keySet())
                                    .readOnly()
                                    .withPolicy(FailurePolicy.FAIL_FAST)
                                    .named("social.agents"),
                            (shard, h) -> h.createQuery("SELECT " + Rows.AGENT_COLUMNS
                                            + " FROM agent WHERE id = ANY(CAST(:ids AS bigint[]))")
                                    .bind("ids", Rows.longArray(java.util.Objects.requireNonNull(byShard.get(shard))))
                                    .map(Rows.AGENT)
                                    .list())
                    .requireComplete()
                    .values()
                    .forEach(list -> list.forEach(a -> found.put(a.id(), a)));
        }
        Map<Long, Agent> ordered = new LinkedHashMap<>();
        for (Long id : wanted) {
            Agent a = found.get(id);
            if (a != null) {
                ordered.put(id, a);
            }
        }
        return ordered;
    }

    /** Two single-shard reads: the handle's lookup row, then the agent, which must name the handle back. */
    Optional<Agent> findByHandle(String handle) {
        String normal = rules.handle("handle", handle);
        Optional<Long> owner = handles.owner(normal);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        return find(owner.get()).filter(a -> a.handle().equals(normal));
    }

    Agent update(long id, ProfileUpdate update) {
        InputRules.id("agentId", id);
        InputRules.required("update", update);
        String name = update.name() == null ? null : rules.name("name", update.name());
        String bio = update.bio() == null ? null : rules.bio("bio", update.bio());
        Integer[] interests = update.interests() == null ? null : rules.interests(update.interests());
        String handle = update.handle() == null ? null : rules.handle("handle", update.handle());
        String personality =
                update.personality() == null ? null : update.personality().code();
        Agent current = db.withShard(ShardKey.of(id), h -> AgentRows.find(h, id))
                .orElseThrow(() -> new AgentNotFoundException(id, false));
        if (current.status() == AgentStatus.DEACTIVATED) {
            throw new AgentNotFoundException(id, true);
        }
        if (handle == null || handle.equals(current.handle())) {
            return db.inTransaction(
                    ShardKey.of(id), h -> profile(h, id, null, null, name, personality, interests, bio));
        }
        Long orphan = handles.orphanOwner(handle, id);
        String old = current.handle();
        if (writer.mode() == CrossShardMode.TWO_PHASE_COMMIT) {
            return db.inDistributedTransaction(List.of(ShardKey.of(id), Handles.key(handle), Handles.key(old)), tx -> {
                Handles.claim(tx.handle(Handles.key(handle)), handle, id, orphan);
                Agent renamed = profile(tx.handle(ShardKey.of(id)), id, old, handle, name, personality, interests, bio);
                Handles.release(tx.handle(Handles.key(old)), old, id);
                return renamed;
            });
        }
        // Outbox mode, in Vitess's order: claim the new handle, point the agent at it, free the old one.
        handles.claimAlone(handle, id, orphan);
        Agent renamed;
        try {
            renamed = db.inTransaction(
                    ShardKey.of(id), h -> profile(h, id, old, handle, name, personality, interests, bio));
        } catch (RuntimeException e) {
            handles.releaseAlone(handle, id);
            throw e;
        }
        handles.releaseAlone(old, id);
        return renamed;
    }

    /** Updates the profile; with {@code oldHandle}, also the handle, if the agent still has the old one. */
    private static Agent profile(
            Handle h,
            long id,
            @Nullable String oldHandle,
            @Nullable String newHandle,
            @Nullable String name,
            @Nullable String personality,
            Integer @Nullable [] interests,
            @Nullable String bio) {
        return h.createQuery("UPDATE agent SET name = COALESCE(:name, name), personality = COALESCE(:personality,"
                        + " personality), interests = COALESCE(CAST(:interests AS integer[]), interests),"
                        + " bio = COALESCE(:bio, bio), handle = COALESCE(:handle, handle)"
                        + " WHERE id = :id AND status = 'active' AND (CAST(:old AS text) IS NULL OR handle = :old)"
                        + " RETURNING " + Rows.AGENT_COLUMNS)
                .bind("id", id)
                .bind("name", name)
                .bind("personality", personality)
                .bind("interests", interests == null ? null : Rows.intArray(interests))
                .bind("bio", bio)
                .bind("handle", newHandle)
                .bind("old", oldHandle)
                .map(Rows.AGENT)
                .findOne()
                .orElseThrow(() -> {
                    AgentNotFoundException missing = AgentRows.missing(h, id);
                    Agent found = AgentRows.find(h, id).orElse(null);
                    if (oldHandle != null && found != null && found.status() == AgentStatus.ACTIVE) {
                        return new IllegalStateException("agent " + id + " changed its handle from '" + oldHandle
                                + "' while being renamed to '" + newHandle + "'; read it again and retry");
                    }
                    return missing;
                });
    }

    /**
     * Deactivates an agent: its row stays, marked deactivated; the rows of its friendships on the
     * other agents' shards are hidden ({@code peer_active = false}) and their friend counts drop,
     * in the same unit (two-phase) or by one outbox message per shard.
     *
     * @return true if this call deactivated it, false if it already was
     */
    boolean deactivate(long id) {
        InputRules.id("agentId", id);
        ShardKey home = ShardKey.of(id);
        for (int attempt = 1; ; attempt++) {
            Map<ShardId, ShardKey> others = new TreeMap<>();
            for (long friend : db.withShard(home, h -> peers(h, id))) {
                ShardId s = db.shardOf(ShardKey.of(friend));
                if (!s.equals(db.shardOf(home))) {
                    others.putIfAbsent(s, ShardKey.of(friend));
                }
            }
            try {
                return writer.writeSpread(DEACTIVATION, home, others, h -> {
                    Instant now = Times.now(clock);
                    int changed = h.createUpdate(
                                    "UPDATE agent SET status = 'deactivated' WHERE id = :id AND status = 'active'")
                            .bind("id", id)
                            .execute();
                    if (changed == 0) {
                        AgentNotFoundException missing = AgentRows.missing(h, id);
                        if (!missing.deactivated()) {
                            throw missing;
                        }
                        return new CrossShardWriter.Spread<>(false, Map.of());
                    }
                    Map<ShardId, List<Long>> byShard = db.groupByShard(peers(h, id), ShardKey::of);
                    Map<ShardId, String> payloads = new TreeMap<>();
                    byShard.forEach((s, friends) ->
                            payloads.put(s, Payload.of(id, Times.micros(now), Rows.longArray(friends))));
                    return new CrossShardWriter.Spread<>(true, payloads);
                });
            } catch (CrossShardWriter.SpreadChanged e) {
                if (attempt == SPREAD_ATTEMPTS) {
                    throw new IllegalStateException(
                            "agent " + id + " gained friends on new shards during each of " + SPREAD_ATTEMPTS
                                    + " attempts to deactivate it; try again",
                            e);
                }
            }
        }
    }

    private static List<Long> peers(Handle h, long id) {
        return h.createQuery("SELECT friend_id FROM friendship WHERE agent_id = :id ORDER BY friend_id")
                .bind("id", id)
                .mapTo(Long.class)
                .list();
    }

    /** Applies a deactivation on one shard: hides the agent's edges there and drops its friends' counts. Idempotent. */
    static void applyDeactivation(Handle h, String payload, boolean relayed) {
        Payload p = Payload.parse(payload);
        long agent = p.nextLong();
        Instant at = Times.ofMicros(p.nextLong());
        String friends = p.next();
        // The friends' rows first, in id order, as every friendship change locks them before its rows.
        h.createQuery("SELECT id FROM agent WHERE id = ANY(CAST(:friends AS bigint[])) ORDER BY id FOR UPDATE")
                .bind("friends", friends)
                .mapTo(Long.class)
                .list();
        h.createUpdate("WITH hidden AS (UPDATE friendship SET peer_active = false, updated_at = :at"
                        + " WHERE friend_id = :agent AND agent_id = ANY(CAST(:friends AS bigint[])) AND peer_active"
                        + " RETURNING agent_id, status)"
                        + " UPDATE agent SET friend_count = friend_count - 1"
                        + " WHERE id IN (SELECT agent_id FROM hidden WHERE status = 'accepted')")
                .bind("agent", agent)
                .bind("at", Times.bind(at))
                .bind("friends", friends)
                .execute();
    }
}
