package org.shardkit.social;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/**
 * The unique-handle lookup table, placed by the handle's hash (Vitess's lookup vindex). A row
 * names the agent that holds the handle; the agent row names its handle too, and the handle is
 * held only while both agree. A row whose agent does not name it back is an orphan, left by a
 * write that stopped half-way in outbox mode; a claim takes it over once it is older than {@link
 * #ORPHAN_GRACE_SECONDS} (a younger one may be a claim whose agent row is not committed yet, and
 * counts as taken). Thread-safe.
 */
final class Handles {
    /** How old a lookup row without its agent must be before a claim takes it over: 10 minutes. */
    static final int ORPHAN_GRACE_SECONDS = 600;

    private final ShardedDatabase db;

    Handles(ShardedDatabase db) {
        this.db = db;
    }

    /** Returns the key that places a handle's row: the handle itself, hashed. */
    static ShardKey key(String handle) {
        return ShardKey.of(handle);
    }

    /** Returns the agent the lookup row names, if there is one (a read on the handle's shard). */
    Optional<Long> owner(String handle) {
        return db.withReadOnly(
                key(handle),
                h -> h.createQuery("SELECT agent_id FROM agent_handle WHERE handle = :h")
                        .bind("h", handle)
                        .mapTo(Long.class)
                        .findOne());
    }

    /**
     * Checks whether a handle can be claimed: returns the orphan owner to take over, or null when
     * the handle is free.
     *
     * @throws HandleTakenException if an agent holds it
     */
    @Nullable
    Long orphanOwner(String handle, long claimant) {
        Optional<Long> owner = db.withShard(
                key(handle),
                h -> h.createQuery("SELECT agent_id FROM agent_handle WHERE handle = :h")
                        .bind("h", handle)
                        .mapTo(Long.class)
                        .findOne());
        if (owner.isEmpty() || owner.get() == claimant) {
            return null;
        }
        long holder = owner.get();
        boolean young = db.withShard(
                        key(handle),
                        h -> h.createQuery("SELECT claimed_at > now()"
                                        + " - make_interval(secs => :grace) FROM agent_handle WHERE handle = :h")
                                .bind("grace", ORPHAN_GRACE_SECONDS)
                                .bind("h", handle)
                                .mapTo(Boolean.class)
                                .findOne())
                .orElse(false);
        if (young) {
            throw new HandleTakenException(handle);
        }
        boolean held = db.withShard(
                        ShardKey.of(holder),
                        h -> h.createQuery("SELECT count(*) FROM agent WHERE id = :id AND handle = :h")
                                .bind("id", holder)
                                .bind("h", handle)
                                .mapTo(Long.class)
                                .one())
                > 0;
        if (held) {
            throw new HandleTakenException(handle);
        }
        return holder;
    }

    /**
     * Claims a handle in the caller's transaction on the handle's shard.
     *
     * @param orphan the orphan owner {@link #orphanOwner} found, or null
     * @throws HandleTakenException if another claim won the handle meanwhile
     */
    static void claim(Handle h, String handle, long agentId, @Nullable Long orphan) {
        if (orphan != null) {
            h.createUpdate("DELETE FROM agent_handle WHERE handle = :h AND agent_id = :a"
                            + " AND claimed_at <= now() - make_interval(secs => :grace)")
                    .bind("h", handle)
                    .bind("a", orphan.longValue())
                    .bind("grace", ORPHAN_GRACE_SECONDS)
                    .execute();
        }
        int inserted = h.createUpdate("INSERT INTO agent_handle (handle, agent_id) VALUES (:h, :a)"
                        + " ON CONFLICT (handle) DO UPDATE SET agent_id = EXCLUDED.agent_id"
                        + " WHERE agent_handle.agent_id = EXCLUDED.agent_id")
                .bind("h", handle)
                .bind("a", agentId)
                .execute();
        if (inserted == 0) {
            throw new HandleTakenException(handle);
        }
    }

    /** Frees a handle the agent holds, in the caller's transaction on the handle's shard. */
    static void release(Handle h, String handle, long agentId) {
        h.createUpdate("DELETE FROM agent_handle WHERE handle = :h AND agent_id = :a")
                .bind("h", handle)
                .bind("a", agentId)
                .execute();
    }

    /** Claims a handle in a transaction of its own (outbox mode: the handle first, as Vitess does). */
    void claimAlone(String handle, long agentId, @Nullable Long orphan) {
        db.useTransaction(key(handle), h -> claim(h, handle, agentId, orphan));
    }

    /** Frees a handle in a transaction of its own, logging instead of failing: an orphan is harmless. */
    void releaseAlone(String handle, long agentId) {
        try {
            db.useTransaction(key(handle), h -> release(h, handle, agentId));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Handles.class)
                    .warn(
                            "handle '{}' of agent {} left as an orphan (the next claim takes it over): {}",
                            handle,
                            agentId,
                            e.toString());
        }
    }
}
