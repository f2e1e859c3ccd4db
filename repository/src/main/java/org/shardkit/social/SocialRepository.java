package org.shardkit.social;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.limits.KeyedRateLimiter;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.core.writequeue.ReplayReport;

/**
 * The social domain over a {@link ShardedDatabase}: agents, friendships, interactions and
 * communities, placed so that each read is one shard (docs/social.md draws which row lives where).
 *
 * <pre>{@code
 * SocialRepository.migrate(db);
 * try (SocialRepository social = SocialRepository.create(db)) {
 *     Agent ada = social.createAgent(new NewAgent("ada", "Ada", Personality.ANALYST, List.of(3, 17), ""));
 *     Agent bob = social.createAgent(new NewAgent("bob", "Bob", Personality.CREATOR, List.of(17), ""));
 *     social.requestFriendship(ada.id(), bob.id());
 *     social.acceptFriendship(bob.id(), ada.id());
 *     social.recordInteraction(ada.id(), bob.id(), InteractionType.MESSAGE, "hello");
 * }
 * }</pre>
 *
 * <p>Changes over two shards use two-phase commit when the database has it enabled, and a
 * transactional outbox otherwise ({@link CrossShardMode}). Every argument is checked first: a bad
 * one throws {@link InvalidInputException} naming it, a state that forbids the change a {@link
 * SocialException} subtype; either way nothing was written. With a write rate limit set, an agent
 * over it gets {@link org.shardkit.core.LimitExceededException} naming it. Reads of one agent's
 * data go to its shard's replicas when it has them (and may lag them; use {@link
 * ShardedDatabase#readYourWrites()} to read one's own writes). Thread-safe.
 */
public final class SocialRepository implements AutoCloseable {
    /** Where the schema's Flyway migrations are, in this jar. */
    public static final String MIGRATIONS = "classpath:org/shardkit/social/db";
    /** Flyway's history table for them, apart from the application's own. */
    public static final String SCHEMA_HISTORY_TABLE = "shardkit_social_schema_history";
    /** Default time between relay passes of the outbox mode: 100 ms. */
    public static final Duration DEFAULT_RELAY_INTERVAL = Duration.ofMillis(100);

    private final ShardedDatabase db;
    private final InputRules rules;
    private final @Nullable KeyedRateLimiter writes;
    private final CrossShardWriter writer;
    private final AgentStore agents;
    private final FriendshipStore friendships;
    private final InteractionStore interactions;
    private final CommunityStore communities;
    private final InteractionQueue queue;
    private final ReadMeters meters;
    private final ReadCache cache;
    private final FeedReader feed;
    private final FriendLists friendLists;
    private final CompatibleSearch compatible;
    private final boolean journaled;

    SocialRepository(SocialRepositoryBuilder b) {
        this.db = b.db;
        this.journaled = b.writeJournal != null;
        this.rules = new InputRules(b.settings);
        Duration window = b.settings.writeWindow();
        this.writes = window == null ? null : KeyedRateLimiter.of(b.settings.writesPerAgent(), window);
        this.writer = new CrossShardWriter(
                db,
                b.mode(),
                Map.of(
                        FriendshipStore.KIND, FriendshipStore::apply,
                        InteractionStore.KIND, InteractionStore::applyInbox,
                        CommunityStore.KIND, CommunityStore::applyMembership,
                        AgentStore.DEACTIVATION, AgentStore::applyDeactivation),
                b.settings.crossShardLockTimeout(),
                b.relayInterval,
                b.registry);
        Cursors cursors = new Cursors(b.settings.cursorSecret());
        this.agents = new AgentStore(db, writer, rules, b.clock);
        this.friendships = new FriendshipStore(db, writer, b.clock);
        this.interactions = new InteractionStore(db, writer, cursors, b.clock);
        this.communities = new CommunityStore(db, writer, cursors, b.clock);
        InteractionQueue queued;
        try {
            queued = new InteractionQueue(
                    () -> new AsyncInteractions(
                            db, b.interactionBatches, b.writeQueue, b.writeJournal, b.defaultAck, b.registry),
                    // A journal a crash left holds acknowledged writes: replay them now, not at the first write.
                    b.writeJournal != null);
        } catch (RuntimeException e) {
            writer.close(); // the outbox relay started above: do not leak it
            throw e;
        }
        this.queue = queued;
        this.meters = new ReadMeters(b.registry);
        this.cache = b.cache;
        this.feed = new FeedReader(db, cursors, b.settings.feedDeadline(), cache);
        this.friendLists = new FriendLists(db, cursors);
        this.compatible = new CompatibleSearch(db, b.settings, b.clock);
    }

    /** Applies the schema's migrations to every shard (with their own history table). */
    public static void migrate(ShardedDatabase db) {
        Objects.requireNonNull(db, "db").migrate(java.util.Set.copyOf(db.shardIds()), SocialSchema::configure);
    }

    /** Applies the schema's migrations to one server, as {@link #migrate(ShardedDatabase)} to each shard; a null one is refused. */
    public static void migrate(DataSource dataSource) {
        SocialSchema.migrate(dataSource);
    }

    /** Returns whether the repository has a write journal (so {@link Ack#JOURNALED} is possible). */
    public boolean hasWriteJournal() {
        return journaled;
    }

    /** Returns the database this repository works on (still the caller's to close). */
    public ShardedDatabase database() {
        return db;
    }

    /** Returns a repository with default settings, the system clock and the database's cross-shard mode. */
    public static SocialRepository create(ShardedDatabase db) {
        return builder(db).build();
    }

    /** Returns a builder over a database. */
    public static SocialRepositoryBuilder builder(ShardedDatabase db) {
        return new SocialRepositoryBuilder(Objects.requireNonNull(db, "db"));
    }

    /** Returns how changes over two shards are written. */
    public CrossShardMode crossShardMode() {
        return writer.mode();
    }

    /** Returns the settings. */
    public SocialSettings settings() {
        return rules.settings();
    }

    // ---------------------------------------------------------------- agents

    /** Creates an agent, its id from the database's generator, its handle claimed across all shards. */
    public Agent createAgent(NewAgent agent) {
        return agents.create(agent);
    }

    /** Returns an agent, active or deactivated, if it exists; through the cache when the repository has one. */
    public Optional<Agent> findAgent(long agentId) {
        InputRules.id("agentId", agentId);
        return meters.time(ReadMeters.Path.AGENT, () -> cache.agent(agentId, () -> agents.find(agentId)));
    }

    /** Returns an agent, like {@link #findAgent}. @throws AgentNotFoundException if none has the id */
    public Agent agent(long agentId) {
        return findAgent(agentId).orElseThrow(() -> new AgentNotFoundException(agentId, false));
    }

    /** Returns the agents that exist among the ids, in the order asked: one query per shard, in parallel. */
    public Map<Long, Agent> agents(Collection<Long> agentIds) {
        return agents.findAll(agentIds);
    }

    /** Returns the agent holding a handle (any case): two single-shard reads, never a scatter. */
    public Optional<Agent> agentByHandle(String handle) {
        return agents.findByHandle(handle);
    }

    /**
     * Changes an agent's profile; a new handle frees the old one.
     *
     * @throws HandleTakenException if another agent holds the new handle
     */
    public Agent updateProfile(long agentId, ProfileUpdate update) {
        limit(agentId);
        try {
            return agents.update(agentId, update);
        } finally {
            cache.profileChanged(agentId); // also after a failure: the row may have changed before it
        }
    }

    /**
     * Deactivates an agent: it can no longer act or be befriended, and its friendships are hidden on
     * its friends' shards, whose friend counts drop.
     *
     * @return true if this call deactivated it, false if it already was
     */
    public boolean deactivate(long agentId) {
        try {
            return agents.deactivate(agentId);
        } finally {
            cache.profileChanged(agentId);
        }
    }

    // ---------------------------------------------------------------- friendships

    /** Asks {@code toId} for a friendship. */
    public Friendship requestFriendship(long fromId, long toId) {
        return changed(FriendshipRules.Op.REQUEST, fromId, toId);
    }

    /** Accepts the pending request {@code requesterId} made to {@code agentId}. */
    public Friendship acceptFriendship(long agentId, long requesterId) {
        return changed(FriendshipRules.Op.ACCEPT, agentId, requesterId);
    }

    /** Declines the pending request {@code requesterId} made to {@code agentId}. */
    public Friendship declineFriendship(long agentId, long requesterId) {
        return changed(FriendshipRules.Op.DECLINE, agentId, requesterId);
    }

    /** Blocks another agent, whatever the pair's state (a friendship ends). */
    public Friendship block(long agentId, long otherId) {
        return changed(FriendshipRules.Op.BLOCK, agentId, otherId);
    }

    /** Lifts a block {@code agentId} set; the pair becomes unrelated. */
    public void unblock(long agentId, long otherId) {
        change(FriendshipRules.Op.UNBLOCK, agentId, otherId);
    }

    /** Ends a friendship, or withdraws one's own pending request. */
    public void removeFriend(long agentId, long friendId) {
        change(FriendshipRules.Op.REMOVE, agentId, friendId);
    }

    /** Returns the pair as {@code agentId}'s row shows it, if they are related. */
    public Optional<Friendship> friendship(long agentId, long otherId) {
        return friendships.find(agentId, otherId);
    }

    /** Returns an agent's number of friends, kept on its row (no scan); cached when the cache keeps counts. */
    public int friendCount(long agentId) {
        InputRules.id("agentId", agentId);
        return meters.time(
                ReadMeters.Path.FRIEND_COUNT, () -> cache.friendCount(agentId, () -> friendships.friendCount(agentId)));
    }

    /**
     * Returns a page of an agent's accepted friends, strongest or most recent first: one index scan
     * on its shard.
     */
    public Page<Friendship> friends(long agentId, FriendOrder order, int limit, @Nullable String cursor) {
        InputRules.id("agentId", agentId);
        InputRules.required("order", order);
        rules.limit(limit);
        return meters.time(ReadMeters.Path.FRIENDS, () -> friendLists.friends(agentId, order, limit, cursor));
    }

    /** Returns a page of an agent's pending friend requests, received or sent, newest first. */
    public Page<Friendship> friendRequests(
            long agentId, RequestDirection direction, int limit, @Nullable String cursor) {
        InputRules.id("agentId", agentId);
        InputRules.required("direction", direction);
        rules.limit(limit);
        return meters.time(
                ReadMeters.Path.FRIEND_REQUESTS, () -> friendLists.requests(agentId, direction, limit, cursor));
    }

    /**
     * Returns a page of an agent's feed: the interactions its accepted friends initiated, newest
     * first, with their authors' names and personalities; at most 1 + (number of shards) statements.
     */
    public Page<FeedItem> feed(long agentId, int limit, @Nullable String cursor) {
        InputRules.id("agentId", agentId);
        rules.limit(limit);
        return meters.time(ReadMeters.Path.FEED, () -> feed.page(agentId, limit, cursor));
    }

    /** Returns the agents most compatible with one, over every shard, with {@link CompatibleOptions#defaults()}. */
    public CompatibleAgents compatibleAgents(long agentId, int limit) {
        return compatibleAgents(agentId, limit, CompatibleOptions.defaults());
    }

    /**
     * Returns the {@code limit} agents most compatible with one (docs/social.md gives the score),
     * excluding itself, its friends and blocked agents; each shard computes its own best in SQL, from
     * its most recently active candidates ({@link SocialSettings#compatibleCandidates()}, or {@code
     * limit} if that is more).
     */
    public CompatibleAgents compatibleAgents(long agentId, int limit, CompatibleOptions options) {
        InputRules.id("agentId", agentId);
        rules.limit(limit);
        InputRules.required("options", options);
        return meters.time(ReadMeters.Path.COMPATIBLE_AGENTS, () -> compatible.find(agentId, limit, options));
    }

    private Friendship changed(FriendshipRules.Op op, long agentId, long otherId) {
        return change(op, agentId, otherId)
                .orElseThrow(() -> new IllegalStateException(op.label() + " left no friendship row"));
    }

    private Optional<Friendship> change(FriendshipRules.Op op, long agentId, long otherId) {
        InputRules.distinct("otherId", agentId, otherId);
        limit(agentId);
        try {
            return friendships.change(op, agentId, otherId);
        } finally {
            cache.friendshipsChanged(agentId, otherId);
        }
    }

    // ---------------------------------------------------------------- interactions

    /**
     * Records an interaction through the write queue, acknowledged at the repository's default level
     * ({@link Ack#JOURNALED} with a write journal, else {@link Ack#COMMITTED}): see {@link
     * #recordInteraction(long, long, InteractionType, String, Ack)}.
     */
    public CompletableFuture<Interaction> recordInteraction(
            long initiatorId, long recipientId, InteractionType type, String content) {
        return recordInteraction(initiatorId, recipientId, type, content, null);
    }

    /**
     * Records an interaction through the write queue: batched per shard with others (its row on the
     * initiator's shard, then its inbox copy on the recipient's, each side's friendship strength in
     * the same batch). Arguments and the rate limit are checked now; the rules (initiator active, pair
     * not blocked) when its batch is written, as outbox mode checks them (docs/writes.md).
     *
     * @param ack when the future completes: journaled to local disk, or committed on both shards; null
     *     for the repository's default
     * @return the interaction, its id and time assigned now
     * @throws org.shardkit.core.writequeue.WriteQueueFullException if the queue stays full
     */
    public CompletableFuture<Interaction> recordInteraction(
            long initiatorId, long recipientId, InteractionType type, String content, @Nullable Ack ack) {
        Interaction it = interactions.draft(initiatorId, recipientId, type, rules, content);
        limit(initiatorId);
        return queue.submit(it, ack);
    }

    /**
     * Records an interaction at once in one cross-shard write (two-phase commit or outbox): its row on
     * the initiator's shard, its inbox copy on the recipient's; the rules are checked before it returns.
     */
    public Interaction recordInteractionNow(long initiatorId, long recipientId, InteractionType type, String content) {
        Interaction it = interactions.draft(initiatorId, recipientId, type, rules, content);
        limit(initiatorId);
        return interactions.record(it);
    }

    /** Asks the write queue's batches to be written now rather than when due (tests, a shutdown hook). */
    public void flushWrites() {
        queue.flush();
    }

    /** Returns what the write queue replayed from its journal at start (nothing without a journal). */
    public ReplayReport writeReplay() {
        return queue.replayReport();
    }

    /** Returns a page of the interactions an agent initiated, newest first. */
    public Page<Interaction> interactionsSent(long agentId, int limit, @Nullable String cursor) {
        return interactions.sent(InputRules.id("agentId", agentId), rules.limit(limit), cursor);
    }

    /** Returns a page of the interactions an agent received, newest first. */
    public Page<Interaction> interactionsReceived(long agentId, int limit, @Nullable String cursor) {
        InputRules.id("agentId", agentId);
        rules.limit(limit);
        return meters.time(ReadMeters.Path.INBOX, () -> interactions.received(agentId, limit, cursor));
    }

    // ---------------------------------------------------------------- communities

    /** Creates a community whose first member is its owner. */
    public Community createCommunity(long ownerId, String name, String description) {
        String n = rules.name("name", name);
        String d = rules.bio("description", description);
        limit(ownerId);
        return communities.create(ownerId, n, d);
    }

    /** Returns a community, if it exists. */
    public Optional<Community> community(long communityId) {
        return communities.find(communityId);
    }

    /** Joins a community. @throws MembershipException if already a member */
    public void joinCommunity(long agentId, long communityId) {
        limit(agentId);
        communities.join(agentId, communityId);
    }

    /** Leaves a community. @throws MembershipException if not a member */
    public void leaveCommunity(long agentId, long communityId) {
        limit(agentId);
        communities.leave(agentId, communityId);
    }

    /** Returns a page of a community's member ids, ascending. */
    public Page<Long> communityMembers(long communityId, int limit, @Nullable String cursor) {
        rules.limit(limit);
        return meters.time(ReadMeters.Path.COMMUNITY_MEMBERS, () -> communities.members(communityId, limit, cursor));
    }

    /** Returns a page of the ids of an agent's communities, ascending. */
    public Page<Long> communitiesOf(long agentId, int limit, @Nullable String cursor) {
        return communities.communitiesOf(agentId, rules.limit(limit), cursor);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Waits until every change written so far is on both its shards: the outbox is empty (in
     * two-phase mode it is, unless an earlier run in outbox mode left messages) or the timeout passed.
     *
     * @return true if nothing is left to apply
     */
    public boolean awaitConverged(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return writer.outbox().awaitDrained(timeout);
    }

    /** Closes like {@link #close(Duration)} with the write queue's {@code closeTimeout}. */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Drains the write queue for up to {@code timeout} (journaled interactions not yet committed stay in
     * the journal for the next start; others fail), then stops the outbox relay (messages left are
     * applied by the next repository). The database stays open. Idempotent.
     *
     * @param timeout how long the queue may drain; null for its {@code closeTimeout}
     * @return what the queue left
     */
    public QueueDrain close(@Nullable Duration timeout) {
        try {
            return queue.close(timeout);
        } finally {
            writer.close();
        }
    }

    private void limit(long agentId) {
        if (writes != null) {
            writes.acquire("agent " + InputRules.id("agentId", agentId));
        }
    }
}
