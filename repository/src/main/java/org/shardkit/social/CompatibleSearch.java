package org.shardkit.social;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.scatter.Merge;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.core.scatter.ScatterResult;

/**
 * The compatible-agents search: the agent's profile and the ids it must not be offered (friends,
 * blocked either way) from its shard, then every shard in parallel computes its own top-k in SQL,
 * under the options' deadline and policy; the lists merge with {@link Merge#topK}.
 *
 * <p>A shard's statement first takes its candidates: active agents sharing at least one interest
 * ({@code interests && mine}), not the seeker and not excluded, the {@link
 * SocialSettings#compatibleCandidates() compatibleCandidates} (or {@code k}, if more) most recently
 * active of them by day
 * ({@code ORDER BY active_on DESC, id DESC LIMIT n}: the UTC day of {@code last_active_at}, then the
 * newer id; on the partial index {@code agent_active_recent} or the GIN of interests, whichever the
 * planner finds cheaper). Only those are scored ({@link
 * Compatibility}) and ranked ({@code ORDER BY score DESC, id LIMIT k}). The search is therefore
 * exact while no shard holds more candidates than that; past it, a shard's work stays bounded (at a
 * million agents a popular interest is shared by a third of them) and it ranks its most recently
 * active candidates. Thread-safe.
 */
final class CompatibleSearch {
    /** The scatter's operation name ({@code shardkit.query{operation=social.compatible-agents}}). */
    static final String OPERATION = "social.compatible-agents";

    static final Comparator<CompatibleAgent> BEST_FIRST = Comparator.comparingDouble(CompatibleAgent::score)
            .reversed()
            .thenComparingLong(c -> c.agent().id());

    private static final String EXCLUDED =
            "SELECT friend_id FROM friendship WHERE agent_id = :agent AND status IN ('accepted', 'blocked')";

    private final ShardedDatabase db;
    private final SocialSettings settings;
    private final Clock clock;

    CompatibleSearch(ShardedDatabase db, SocialSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** The agent's profile and who it must not be offered, read together on its shard. */
    private record Seeker(Agent agent, List<Long> excluded) {}

    CompatibleAgents find(long agentId, int limit, CompatibleOptions options) {
        Seeker seeker = db.withReadOnly(ShardKey.of(agentId), h -> {
            Agent a = AgentRows.find(h, agentId).orElseThrow(() -> new AgentNotFoundException(agentId, false));
            return new Seeker(
                    a,
                    h.createQuery(EXCLUDED)
                            .bind("agent", agentId)
                            .mapTo(Long.class)
                            .list());
        });
        if (seeker.agent().interests().isEmpty()) {
            return new CompatibleAgents(List.of(), Map.of(), db.shardIds().size());
        }
        Map<ShardId, List<Long>> excluded = db.groupByShard(seeker.excluded(), ShardKey::of);
        ScatterResult<List<CompatibleAgent>> r = db.scatter(
                ScatterRequest.allShards()
                        .readOnly()
                        .withDeadline(options.deadline())
                        .withPolicy(options.policy())
                        .named(OPERATION),
                (shard, h) -> topK(h, seeker.agent(), excluded.getOrDefault(shard, List.of()), limit));
        List<CompatibleAgent> best = Merge.topK(r.availableResults().values(), limit, BEST_FIRST);
        return new CompatibleAgents(best, r.failures(), db.shardIds().size());
    }

    /** One statement on one shard: its best {@code k} candidates. */
    private List<CompatibleAgent> topK(Handle h, Agent seeker, List<Long> excluded, int k) {
        return h.createQuery(sql())
                .bind("mine", Rows.intArray(seeker.interests().toArray(new Integer[0])))
                .bind("mine_count", seeker.interests().size())
                .bind("self", seeker.id())
                .bind("excluded", Rows.longArray(excluded))
                .bind("codes", Compatibility.codes())
                .bind("row", Compatibility.row(seeker.personality()))
                .bind("wp", settings.personalityWeight())
                .bind("wi", settings.interestWeight())
                .bind("wr", settings.recencyWeight())
                .bind("half_life", (double) settings.recencyHalfLife().toHours())
                .bind("now", Times.bind(Times.now(clock)))
                .bind("candidates", Math.max(settings.compatibleCandidates(), k))
                .bind("k", k)
                .map((rs, ctx) -> new CompatibleAgent(Rows.AGENT.map(rs, ctx), rs.getDouble("score")))
                .list();
    }

    /** The per-shard statement (docs/social.md shows its plan). */
    static String sql() {
        return "SELECT " + Rows.AGENT_COLUMNS + ", score FROM (SELECT a.*, " + Compatibility.SCORE + " AS score"
                + " FROM (SELECT * FROM agent c"
                + " WHERE c.interests && CAST(:mine AS integer[]) AND c.status = 'active' AND c.id <> :self"
                + " AND c.id NOT IN (SELECT unnest(CAST(:excluded AS bigint[])))"
                + " ORDER BY c.active_on DESC, c.id DESC LIMIT :candidates) a "
                + Compatibility.COMMON + ") a"
                + " ORDER BY score DESC, id LIMIT :k";
    }
}
