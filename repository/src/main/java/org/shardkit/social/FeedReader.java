package org.shardkit.social;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.FailurePolicy;
import org.shardkit.core.scatter.Merge;
import org.shardkit.core.scatter.ScatterRequest;

/**
 * The friends' feed without N+1: the agent's accepted, visible friends are read from its own shard
 * (one index-only scan), grouped by the shard that holds them, and each of those shards (only those)
 * runs one statement for all its friends, a {@code LATERAL} join taking each friend's newest
 * interactions from the {@code (initiator_id, created_at DESC, id DESC)} index with a per-friend
 * {@code LIMIT}, the author's name and personality joined from its row. Which interactions are in
 * the feed is decided by the agent's own friendship rows (accepted and {@code peer_active}). The shards run in parallel
 * (one scatter) and their lists are merged k-way. So a page costs at most 1 + (number of shards)
 * statements, whatever the friend count. Keyset cursor on {@code (created_at, id)}, newest first.
 * Thread-safe.
 */
final class FeedReader {
    /** The scatter's operation name ({@code shardkit.query{operation=social.feed}}). */
    static final String OPERATION = "social.feed";

    static final Comparator<FeedItem> NEWEST_FIRST = Comparator.comparing(
                    (FeedItem f) -> f.interaction().createdAt())
            .thenComparingLong(f -> f.interaction().id())
            .reversed();

    private static final String FRIEND_IDS = "SELECT f.friend_id FROM agent a LEFT JOIN friendship f"
            + " ON f.agent_id = a.id AND f.status = 'accepted' AND f.peer_active WHERE a.id = :agent";

    private final ShardedDatabase db;
    private final Cursors cursors;
    private final Duration deadline;
    private final ReadCache cache;

    FeedReader(ShardedDatabase db, Cursors cursors, Duration deadline, ReadCache cache) {
        this.db = db;
        this.cursors = cursors;
        this.deadline = deadline;
        this.cache = cache;
    }

    /**
     * Reads a page: its first {@code limit} items after the cursor. A first page of at most {@link
     * SocialCaching#FEED_HEAD} items comes from the cached head of the feed when the cache keeps
     * feeds; the cursor it returns reads the next page from the shards.
     */
    Page<FeedItem> page(long agentId, int limit, @Nullable String cursor) {
        Cursors.Position after = cursors.decode(cursor, Cursors.List.FEED, agentId);
        if (after == null && limit <= SocialCaching.FEED_HEAD && cache.cachesFeeds()) {
            return page(
                    agentId, cache.feedHead(agentId, () -> items(agentId, null, SocialCaching.FEED_HEAD + 1)), limit);
        }
        return page(agentId, items(agentId, after, limit + 1), limit);
    }

    /** Returns the page of the first {@code limit} items of a list holding at least {@code limit + 1}, or all there are. */
    private Page<FeedItem> page(long agentId, List<FeedItem> head, int limit) {
        if (head.size() <= limit) {
            return new Page<>(head, null);
        }
        Interaction last = head.get(limit - 1).interaction();
        return new Page<>(
                head.subList(0, limit), cursors.encode(Cursors.List.FEED, agentId, last.createdAt(), last.id()));
    }

    /**
     * Returns the feed's first {@code n} items after a position, newest first.
     *
     * @throws AgentNotFoundException if no agent has the id
     */
    List<FeedItem> items(long agentId, Cursors.@Nullable Position after, int n) {
        List<Long> friends = db.withReadOnly(ShardKey.of(agentId), h -> friendIds(h, agentId));
        if (friends.isEmpty()) {
            return List.of();
        }
        Map<ShardId, List<Long>> byShard = db.groupByShard(friends, ShardKey::of);
        // FAIL_FAST: a page with a shard missing would move the cursor past that shard's items for good.
        var lists = db.scatter(
                        ScatterRequest.onShards(byShard.keySet())
                                .readOnly()
                                .withDeadline(deadline)
                                .withPolicy(FailurePolicy.FAIL_FAST)
                                .named(OPERATION),
                        (shard, h) -> newest(h, Objects.requireNonNull(byShard.get(shard)), after, n))
                .requireComplete()
                .values();
        return Merge.topK(lists, n, NEWEST_FIRST);
    }

    /** The agent's accepted, visible friends; empty if it has none; throws if it does not exist. */
    private static List<Long> friendIds(Handle h, long agentId) {
        List<@Nullable Long> rows = h.createQuery(FRIEND_IDS)
                .bind("agent", agentId)
                .map((rs, ctx) -> Rows.nullableLong(rs, "friend_id"))
                .list();
        if (rows.isEmpty()) {
            throw new AgentNotFoundException(agentId, false);
        }
        return rows.stream()
                .filter(Objects::nonNull)
                .map(Objects::requireNonNull)
                .toList();
    }

    /** One statement on one shard: the newest {@code n} interactions of all its friends after the position. */
    static List<FeedItem> newest(Handle h, List<Long> friends, Cursors.@Nullable Position after, int n) {
        var q = h.createQuery(sql(after != null))
                .bind("friends", Rows.longArray(friends))
                .bind("n", n);
        if (after != null) {
            q.bind("at", Times.bind(Times.ofMicros(after.micros()))).bind("id", after.id());
        }
        return q.map((rs, ctx) -> new FeedItem(
                        Rows.INTERACTION.map(rs, ctx),
                        rs.getString("author_name"),
                        Personality.fromCode(rs.getString("author_personality"))))
                .list();
    }

    /**
     * The per-shard statement, with or without the keyset condition (docs/social.md shows its plan).
     * It picks the newest {@code n} (created_at, id) pairs from index-only scans of each friend's
     * newest {@code n}, then reads only those {@code n} rows and their authors.
     */
    static String sql(boolean afterCursor) {
        return "SELECT i.id, i.initiator_id, i.recipient_id, i.type, i.content, i.created_at,"
                + " a.name AS author_name, a.personality AS author_personality"
                + " FROM (SELECT t.id FROM unnest(CAST(:friends AS bigint[])) AS f(id)"
                + " CROSS JOIN LATERAL (SELECT id, created_at FROM interaction WHERE initiator_id = f.id"
                + (afterCursor ? " AND (created_at, id) < (:at, :id)" : "")
                + " ORDER BY created_at DESC, id DESC LIMIT :n) t ORDER BY t.created_at DESC, t.id DESC LIMIT :n) top"
                + " JOIN interaction i ON i.id = top.id JOIN agent a ON a.id = i.initiator_id"
                + " ORDER BY i.created_at DESC, i.id DESC";
    }
}
