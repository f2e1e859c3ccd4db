package org.shardkit.social;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;

/** Reads and locks of agent rows that every store needs: existence and activity, and the row itself. */
final class AgentRows {
    private AgentRows() {}

    /** Locks an agent's row for the rest of the transaction and checks it is active. */
    static void lockActive(Handle h, long agentId) {
        requireActive(
                agentId,
                h.createQuery("SELECT status FROM agent WHERE id = :id FOR UPDATE")
                        .bind("id", agentId)
                        .mapTo(String.class)
                        .findOne());
    }

    /** Checks an agent is active, holding a share lock (it cannot be deactivated until the transaction ends). */
    static void shareActive(Handle h, long agentId) {
        requireActive(
                agentId,
                h.createQuery("SELECT status FROM agent WHERE id = :id FOR SHARE")
                        .bind("id", agentId)
                        .mapTo(String.class)
                        .findOne());
    }

    /** Checks an agent is active by reading its shard's primary (outside any transaction: a pre-check). */
    static void requireActive(ShardedDatabase db, long agentId) {
        requireActive(
                agentId,
                db.withShard(
                        ShardKey.of(agentId),
                        h -> h.createQuery("SELECT status FROM agent WHERE id = :id")
                                .bind("id", agentId)
                                .mapTo(String.class)
                                .findOne()));
    }

    /** Throws the error for an agent that an update found no active row of. */
    static AgentNotFoundException missing(Handle h, long agentId) {
        boolean exists = h.createQuery("SELECT count(*) FROM agent WHERE id = :id")
                        .bind("id", agentId)
                        .mapTo(Long.class)
                        .one()
                > 0;
        return new AgentNotFoundException(agentId, exists);
    }

    static Optional<Agent> find(Handle h, long agentId) {
        return h.createQuery("SELECT " + Rows.AGENT_COLUMNS + " FROM agent WHERE id = :id")
                .bind("id", agentId)
                .map(Rows.AGENT)
                .findOne();
    }

    private static void requireActive(long agentId, Optional<String> status) {
        if (status.isEmpty()) {
            throw new AgentNotFoundException(agentId, false);
        }
        if (!status.get().equals("active")) {
            throw new AgentNotFoundException(agentId, true);
        }
    }
}
