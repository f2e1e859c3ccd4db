package org.shardkit.examples.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.CompatibleAgent;
import org.shardkit.social.CompatibleAgents;

/**
 * The JSON of a compatible-agents search. As {@link CompatibleAgents} does in Java, a partial answer
 * cannot pass for a complete one: the candidates are under {@code agents} only when every shard
 * answered; otherwise they are under {@code availableAgents}, with {@code complete: false} and the
 * missing shards named with why each did not answer.
 *
 * @param complete whether every shard answered
 * @param agents the candidates, best first, when complete; else absent
 * @param availableAgents the candidates of the shards that answered, when not complete; else absent
 * @param missingShards the shards that did not answer; empty when complete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CompatibleView(
        boolean complete,
        @Nullable List<CompatibleAgent> agents,
        @Nullable List<CompatibleAgent> availableAgents,
        List<MissingShard> missingShards) {

    /**
     * A shard that did not answer.
     *
     * @param shard its id
     * @param name its configured name
     * @param reason why: the shard's failure, which names it and the limit
     */
    record MissingShard(int shard, String name, String reason) {}

    static CompatibleView of(CompatibleAgents found, ShardedDatabase db) {
        if (found.isComplete()) {
            return new CompatibleView(true, found.requireComplete(), null, List.of());
        }
        List<MissingShard> missing = new ArrayList<>();
        for (Map.Entry<ShardId, Throwable> e : found.failures().entrySet()) {
            missing.add(new MissingShard(
                    e.getKey().value(),
                    db.shardName(e.getKey()),
                    String.valueOf(e.getValue().getMessage())));
        }
        return new CompatibleView(false, null, found.availableAgents(), missing);
    }
}
