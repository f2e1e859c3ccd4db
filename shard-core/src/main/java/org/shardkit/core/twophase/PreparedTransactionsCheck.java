package org.shardkit.core.twophase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;

/**
 * The check that a shard's server takes prepared transactions ({@code max_prepared_transactions >
 * 0}): of every shard at an eager start, or of each shard the first time a unit uses it. A shard
 * that passed is not asked again. Thread-safe.
 */
final class PreparedTransactionsCheck {
    private final ShardedDatabase db;
    private final Set<ShardId> passed = ConcurrentHashMap.newKeySet();

    PreparedTransactionsCheck(ShardedDatabase db) {
        this.db = db;
    }

    /**
     * Checks every shard.
     *
     * @throws PreparedTransactionsDisabledException naming every shard that refuses
     */
    void checkAll() {
        Map<ShardId, String> refusing = new LinkedHashMap<>();
        for (ShardId shard : db.shardIds()) {
            String refusal = db.withShardId(shard, h -> refusal(shard, h));
            if (refusal != null) {
                refusing.put(shard, refusal);
            }
        }
        if (!refusing.isEmpty()) {
            throw new PreparedTransactionsDisabledException(refusing);
        }
    }

    /**
     * Checks a shard on a handle the caller holds, unless it passed before.
     *
     * @throws PreparedTransactionsDisabledException if it refuses
     */
    void checkOnFirstUse(ShardId shard, Handle h) {
        if (passed.contains(shard)) {
            return;
        }
        String refusal = refusal(shard, h);
        if (refusal != null) {
            throw new PreparedTransactionsDisabledException(Map.of(shard, refusal));
        }
    }

    /** Returns the shard's description when it refuses, null (and remembers it) when it takes them. */
    private @org.jspecify.annotations.Nullable String refusal(ShardId shard, Handle h) {
        Map<String, Object> row = h.createQuery("SELECT current_setting('max_prepared_transactions') AS mpt,"
                        + " current_setting('max_connections') AS mc")
                .mapToMap()
                .one();
        if (Integer.parseInt(String.valueOf(row.get("mpt"))) > 0) {
            passed.add(shard);
            return null;
        }
        return shard + " (" + db.shardName(shard) + ", max_connections = " + row.get("mc") + ")";
    }
}
