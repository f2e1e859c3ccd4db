package org.shardkit.examples.service;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.Agent;
import org.shardkit.social.FeedItem;
import org.shardkit.social.FriendOrder;
import org.shardkit.social.Friendship;
import org.shardkit.social.NewAgent;
import org.shardkit.social.Page;
import org.shardkit.social.SocialRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of an agent: its profile, its feed, its friends and the agents most compatible with
 * it; and creating one. The repository checks every argument (a bad one is a 400 naming it, see
 * {@link ApiErrors}); this class only turns HTTP into calls.
 *
 * <p>Thread-safe.
 */
@RestController
@RequestMapping("/agents")
class AgentController {
    /** Page size when the request gives none. */
    static final String DEFAULT_LIMIT = "20";

    private final SocialRepository social;
    private final ShardedDatabase db;

    AgentController(SocialRepository social, ShardedDatabase db) {
        this.social = social;
        this.db = db;
    }

    /** {@code POST /agents}: creates an agent; 201 with its profile and its URL. */
    @PostMapping
    ResponseEntity<Agent> create(@RequestBody NewAgent agent) {
        Agent created = social.createAgent(agent);
        return ResponseEntity.created(URI.create("/agents/" + created.id())).body(created);
    }

    /** {@code GET /agents/{id}}: the profile; 404 if no agent has the id. */
    @GetMapping("/{id}")
    Agent agent(@PathVariable long id) {
        return social.agent(id);
    }

    /** {@code GET /agents/{id}/feed?limit=&cursor=}: what its friends did, newest first. */
    @GetMapping("/{id}/feed")
    Page<FeedItem> feed(
            @PathVariable long id,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return social.feed(id, limit, cursor);
    }

    /** {@code GET /agents/{id}/friends?order=strength|recent&limit=&cursor=}: its accepted friends. */
    @GetMapping("/{id}/friends")
    Page<Friendship> friends(
            @PathVariable long id,
            @RequestParam(defaultValue = "strength") String order,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return social.friends(id, EnumParams.parse("order", order, FriendOrder.class), limit, cursor);
    }

    /**
     * {@code GET /agents/{id}/compatible?limit=}: the best candidates over every shard. A shard that
     * did not answer does not fail the request: the answer is 200 with {@code complete: false}, the
     * candidates under {@code availableAgents} and the missing shards named ({@link CompatibleView}).
     */
    @GetMapping("/{id}/compatible")
    CompatibleView compatible(@PathVariable long id, @RequestParam(defaultValue = "10") int limit) {
        return CompatibleView.of(social.compatibleAgents(id, limit), db);
    }
}
