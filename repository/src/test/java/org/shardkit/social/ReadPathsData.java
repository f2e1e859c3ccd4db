package org.shardkit.social;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * Randomised social data written with bulk SQL, in the shape the domain writes it: agents on the
 * shard of their snowflake id (handles on the handle's shard); each friendship as two rows, one on
 * each endpoint's shard, with the same status, requester, blocker and version and each side's own
 * counters; interactions (never within a blocked pair) on the initiator's shard with their inbox
 * copy on the recipient's; a deactivated agent's friendships hidden ({@code peer_active = false})
 * on its friends' side; friend counts matching the visible accepted rows. Hubs have 0, 1, a few,
 * hundreds, thousands and 20,000 friends. Times come from small sets, so sort keys tie and ids break
 * the ties.
 */
final class ReadPathsData {
    /** The hubs' friend counts: none, one, a few, hundreds, thousands. */
    static final int[] HUB_FRIENDS = {0, 1, 6, 300, 2200, 20_000};

    static final String AGENT = "INSERT INTO agent (id, handle, name, personality, interests, bio, status,"
            + " friend_count, created_at, last_active_at) VALUES (:id, :handle, :name, :personality,"
            + " CAST(:interests AS integer[]), '', :status, :friends, :created, :active)";
    static final String EDGE = "INSERT INTO friendship (agent_id, friend_id, status, requested_by, blocked_by,"
            + " strength_level, interaction_count, last_interaction_at, peer_active, version, created_at, updated_at)"
            + " VALUES (:a, :f, :status, :by, :blocker, :strength, :count, :last, :peer, :version, :created, :created)";
    static final String INTERACTION = "INSERT INTO interaction (id, initiator_id, recipient_id, type, content,"
            + " created_at) VALUES (:id, :i, :r, :type, :content, :at)";
    static final String INBOX = "INSERT INTO interaction_inbox (id, recipient_id, initiator_id, type, content,"
            + " created_at) VALUES (:id, :r, :i, :type, :content, :at)";
    static final String HANDLE = "INSERT INTO agent_handle (handle, agent_id) VALUES (:handle, :id)";

    final List<Long> hubs = new ArrayList<>();

    private final ShardedDatabase db;
    private final Random random;
    private final Instant base;
    private final Map<ShardId, Map<String, List<Map<String, Object>>>> rows = new HashMap<>();
    private final Set<Long> deactivated = new HashSet<>();
    private final Map<String, String> pairs = new HashMap<>();
    private final Map<Long, Integer> friendCounts = new HashMap<>();

    ReadPathsData(ShardedDatabase db, long seed, Instant base) {
        this.db = db;
        this.random = new Random(seed);
        this.base = base;
    }

    /**
     * Writes {@code rich + plain} agents, the first {@link #HUB_FRIENDS}.length of them hubs. Rich
     * agents also befriend, request and block each other and interact 0 to 6 times each; plain ones
     * (there so that a hub can have 20,000 friends) are only the hubs' friends and one in ten interacts
     * once.
     */
    void write(int rich, int plain) {
        int count = rich + plain;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(db.ids().nextId());
        }
        hubs.addAll(ids.subList(0, HUB_FRIENDS.length));
        for (long id : ids.subList(HUB_FRIENDS.length, count)) {
            if (random.nextInt(50) == 0) {
                deactivated.add(id);
            }
        }
        for (int h = 0; h < HUB_FRIENDS.length; h++) {
            while (friendCount(hubs.get(h)) < HUB_FRIENDS[h]) {
                pair(hubs.get(h), ids.get(HUB_FRIENDS.length + random.nextInt(count - HUB_FRIENDS.length)), "accepted");
            }
        }
        String[] statuses = {"accepted", "accepted", "accepted", "pending", "pending", "declined", "blocked"};
        for (long id : ids.subList(HUB_FRIENDS.length, rich)) {
            for (int k = 0; k < 3; k++) {
                pair(
                        id,
                        ids.get(HUB_FRIENDS.length + random.nextInt(rich - HUB_FRIENDS.length)),
                        statuses[random.nextInt(statuses.length)]);
            }
        }
        for (int n = 0; n < count; n++) {
            long id = ids.get(n);
            for (int k = n < rich ? random.nextInt(7) : random.nextInt(10) == 0 ? 1 : 0; k > 0; k--) {
                interaction(id, ids.get(random.nextInt(count)));
            }
            agent(id);
        }
        rows.forEach((shard, tables) -> db.withShardId(
                shard,
                h -> h.inTransaction(tx -> {
                    tables.forEach((sql, list) -> {
                        PreparedBatch batch = tx.prepareBatch(sql);
                        list.forEach(values -> batch.bindMap(values).add());
                        batch.execute();
                    });
                    return null;
                })));
    }

    private int friendCount(long id) {
        return friendCounts.getOrDefault(id, 0);
    }

    private void add(long placement, String sql, Consumer<Map<String, Object>> values) {
        Map<String, Object> row = new HashMap<>();
        values.accept(row);
        rows.computeIfAbsent(db.shardOf(ShardKey.of(placement)), s -> new java.util.LinkedHashMap<>())
                .computeIfAbsent(sql, q -> new ArrayList<>())
                .add(row);
    }

    private Instant minutesBefore(int bound) {
        return base.minus(Duration.ofMinutes(random.nextInt(bound)));
    }

    private void agent(long id) {
        TreeSet<Integer> interests = new TreeSet<>();
        for (int k = random.nextInt(5); k > 0; k--) {
            interests.add(random.nextInt(12));
        }
        String handle = "bulk_" + id;
        add(id, AGENT, r -> {
            r.put("id", id);
            r.put("handle", handle);
            r.put("name", "Agent " + id);
            r.put("personality", Personality.values()[random.nextInt(8)].code());
            r.put("interests", Rows.intArray(interests.toArray(new Integer[0])));
            r.put("status", deactivated.contains(id) ? "deactivated" : "active");
            r.put("friends", friendCount(id));
            r.put("created", Times.bind(base.minus(Duration.ofDays(30))));
            r.put("active", Times.bind(base.minus(Duration.ofHours(7L * random.nextInt(6)))));
        });
        // The handle's row lives on the shard of the handle's hash, as Handles places it.
        rows.computeIfAbsent(db.shardOf(Handles.key(handle)), s -> new java.util.LinkedHashMap<>())
                .computeIfAbsent(HANDLE, q -> new ArrayList<>())
                .add(new HashMap<>(Map.of("handle", handle, "id", id)));
    }

    /** Both rows of a pair, unless the pair exists already. */
    private void pair(long a, long b, String status) {
        if (a == b || pairs.containsKey(Math.min(a, b) + ":" + Math.max(a, b))) {
            return;
        }
        pairs.put(Math.min(a, b) + ":" + Math.max(a, b), status);
        long by = random.nextBoolean() ? a : b;
        @org.jspecify.annotations.Nullable
        Long blocker = status.equals("blocked") ? (Long) (random.nextBoolean() ? a : b) : null;
        long version = random.nextInt(1_000_000) + 1L;
        Instant created = minutesBefore(200);
        edge(a, b, status, by, blocker, version, created);
        edge(b, a, status, by, blocker, version, created);
    }

    private void edge(
            long agent,
            long friend,
            String status,
            long by,
            @org.jspecify.annotations.Nullable Long blocker,
            long version,
            Instant created) {
        boolean peer = !deactivated.contains(friend);
        if (peer && status.equals("accepted")) {
            friendCounts.merge(agent, 1, Integer::sum);
        }
        add(agent, EDGE, r -> {
            r.put("a", agent);
            r.put("f", friend);
            r.put("status", status);
            r.put("by", by);
            r.put("blocker", blocker);
            r.put("strength", status.equals("accepted") ? random.nextInt(5) : 0);
            r.put("count", random.nextInt(10));
            r.put("last", random.nextInt(10) < 3 ? null : Times.bind(base.minus(Duration.ofHours(random.nextInt(50)))));
            r.put("peer", peer);
            r.put("version", version);
            r.put("created", Times.bind(created));
        });
    }

    private void interaction(long initiator, long recipient) {
        if (initiator == recipient
                || "blocked".equals(pairs.get(Math.min(initiator, recipient) + ":" + Math.max(initiator, recipient)))) {
            return;
        }
        long id = db.ids().nextId();
        Instant at = minutesBefore(300);
        InteractionType type = InteractionType.values()[random.nextInt(InteractionType.values().length)];
        Consumer<Map<String, Object>> values = r -> {
            r.put("id", id);
            r.put("i", initiator);
            r.put("r", recipient);
            r.put("type", type.code());
            r.put("content", "from " + initiator + " #" + id);
            r.put("at", Times.bind(at));
        };
        add(initiator, INTERACTION, values);
        add(recipient, INBOX, values);
    }
}
