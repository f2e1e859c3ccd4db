package org.shardkit.examples.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.shardkit.social.NewAgent;

/**
 * A social graph drawn from a {@link GraphSpec}: the same spec gives the same graph, byte for byte,
 * on any machine and thread count. It holds what cannot be drawn again cheaply (the friend lists and
 * the figures summed over the interactions) and draws the rest on demand.
 *
 * <ul>
 *   <li><b>Agents</b> are numbered {@code 0..n-1}; agent {@code i}'s id is {@code i + }{@value
 *       #AGENT_ID_BASE} ({@link #agentId}): consecutive ids, so they spread evenly over shards both
 *       by {@code id % shards} and by the hashed default strategy, and far below the ids shardkit's
 *       generator hands out, so agents created later never collide. Profiles ({@link #agent}):
 *       unique handles, uneven personalities, interests drawn by popularity.
 *   <li><b>Friendships</b>: heavy-tailed friend counts of mean {@value #MEAN_FRIENDS} (a Chung-Lu
 *       graph over lognormal weights: median about 9, a few agents with thousands, a few percent
 *       with none), no self-pairs or repeats, all accepted. A pair's strength follows its
 *       interactions as the repository computes it.
 *   <li><b>Interactions</b> between friends, skewed to active agents (Zipf over an activity rank),
 *       spread evenly over the last 30 days; interaction {@code i}'s id is {@code i + }{@value
 *       #INTERACTION_ID_BASE}.
 *   <li><b>Communities</b> with skewed sizes; community {@code c}'s id is {@code c + }{@value
 *       #COMMUNITY_ID_BASE}.
 * </ul>
 *
 * <p>Memory: about 100 bytes per agent plus 16 per friendship pair; a million agents with ten
 * million pairs take under 200 MB. Drawing one takes a few seconds per million agents.
 *
 * <pre>{@code
 * SocialGraph graph = SocialGraph.generate(GraphSpec.defaults(100_000));
 * SplittableRandom random = new SplittableRandom(1);
 * long reader = graph.randomAgent(random);
 * AgentPair friends = graph.randomFriends(random);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the samplers use only the random generator they are given.
 */
public final class SocialGraph {
    /** The mean friend count. */
    public static final int MEAN_FRIENDS = 20;
    /** Agent {@code i}'s id is {@code i + AGENT_ID_BASE}. */
    public static final long AGENT_ID_BASE = 1_000_000L;
    /** Community {@code c}'s id is {@code c + COMMUNITY_ID_BASE}. */
    public static final long COMMUNITY_ID_BASE = 100_000_000L;
    /** Interaction {@code i}'s id is {@code i + INTERACTION_ID_BASE}. */
    public static final long INTERACTION_ID_BASE = 1_000_000_000L;

    private static final int PAIR_ATTEMPTS = 1_000;

    private final GraphSpec spec;
    private final FriendGraph friends;
    private final Profiles profiles;
    private final InteractionPlan interactions;
    private final CommunityPlan communities;
    private final Timeline timeline;

    private SocialGraph(GraphSpec spec) {
        this.spec = spec;
        this.friends = FriendGraph.draw(spec.agents(), MEAN_FRIENDS, spec.seed());
        this.profiles = new Profiles(spec.seed());
        this.interactions = InteractionPlan.draw(spec.interactions(), spec.seed(), friends);
        this.communities = CommunityPlan.draw(spec.communities(), spec.agents(), spec.seed());
        this.timeline = new Timeline(spec.agents(), spec.interactions(), spec.seed());
    }

    /**
     * Draws the graph of a spec, in parallel on the common fork-join pool.
     *
     * @throws IllegalArgumentException if {@code spec} is null, or asks for interactions and the graph
     *     has no friendships to carry them (only possible with very few agents)
     */
    public static SocialGraph generate(GraphSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        return new SocialGraph(spec);
    }

    /** Returns the spec the graph was drawn from. */
    public GraphSpec spec() {
        return spec;
    }

    /** Returns the number of agents. */
    public int agentCount() {
        return spec.agents();
    }

    /**
     * Returns agent {@code index}'s id: {@code index + }{@value #AGENT_ID_BASE}.
     *
     * @throws IllegalArgumentException if the index is not an agent's
     */
    public long agentId(int index) {
        return AGENT_ID_BASE + checkAgent("index", index);
    }

    /**
     * Returns the index of an agent id of this graph.
     *
     * @throws IllegalArgumentException if no agent of the graph has the id
     */
    public int agentIndex(long agentId) {
        long index = agentId - AGENT_ID_BASE;
        if (index < 0 || index >= spec.agents()) {
            throw new IllegalArgumentException("agentId must be between " + AGENT_ID_BASE + " and "
                    + (AGENT_ID_BASE + spec.agents() - 1) + ", but was " + agentId);
        }
        return (int) index;
    }

    /**
     * Returns agent {@code index}'s profile, as {@code createAgent} would take it (its interests
     * ascending, its handle in lower case, so stored exactly so).
     *
     * @throws IllegalArgumentException if the index is not an agent's
     */
    public NewAgent agent(int index) {
        Profiles.Profile p = profiles.profile(checkAgent("index", index));
        List<Integer> interests = new ArrayList<>(p.interests().length);
        for (int i : p.interests()) {
            interests.add(i);
        }
        return new NewAgent(p.handle(), p.name(), p.personality(), interests, p.bio());
    }

    /** Returns agent {@code index}'s number of friends (also its {@code friend_count}). */
    public int friendCount(int index) {
        return friends.degree(checkAgent("index", index));
    }

    /**
     * Returns agent {@code index}'s {@code k}-th friend, as an agent index; friends ascend by index.
     *
     * @throws IllegalArgumentException if the index is not an agent's or {@code k} not in {@code [0, friendCount)}
     */
    public int friend(int index, int k) {
        int degree = friendCount(index);
        if (k < 0 || k >= degree) {
            throw new IllegalArgumentException("k must be between 0 and " + (degree - 1) + " (agent " + index + " has "
                    + degree + " friends), but was " + k);
        }
        return friends.friend(index, k);
    }

    /** Returns whether two agents (indexes) are friends. */
    public boolean areFriends(int a, int b) {
        checkAgent("a", a);
        checkAgent("b", b);
        return a != b && friends.edge(a, b) >= 0;
    }

    /** Returns the number of friendship pairs; the friendship table holds twice as many rows. */
    public long friendshipCount() {
        return friends.pairs();
    }

    /** Returns the number of interactions between two agents (indexes), in both directions. */
    public int interactionsBetween(int a, int b) {
        checkAgent("a", a);
        checkAgent("b", b);
        int pair = a == b ? -1 : friends.edge(a, b);
        return pair < 0 ? 0 : interactions.pairCount(pair);
    }

    /**
     * Returns the strength level of two friends' rows as seeded: the repository's {@code min(100,
     * floor(20 ln(1 + n)))} of their {@link #interactionsBetween n} interactions; 0 for non-friends.
     */
    public int strengthLevel(int a, int b) {
        return RowEncoders.strength(interactionsBetween(a, b));
    }

    /** Returns the largest friend count of any agent. */
    public int maxFriendCount() {
        return friends.degree(interactions.byActivity(0));
    }

    /** Returns the number of interactions (rows of the interaction table, and of the inbox table). */
    public long interactionCount() {
        return interactions.count();
    }

    /** Returns the number of communities. */
    public int communityCount() {
        return communities.count();
    }

    /**
     * Returns community {@code c}'s id: {@code c + }{@value #COMMUNITY_ID_BASE}.
     *
     * @throws IllegalArgumentException if {@code c} is not a community's number
     */
    public long communityId(int c) {
        return COMMUNITY_ID_BASE + checkCommunity(c);
    }

    /** Returns community {@code c}'s member count. */
    public int memberCount(int c) {
        return communities.members(checkCommunity(c));
    }

    /** Returns the number of memberships (rows of community_member, and of agent_community). */
    public long membershipCount() {
        return communities.memberships();
    }

    /** Returns agent {@code index}'s communities, as community numbers ascending. */
    public int[] communitiesOf(int index) {
        return communities.memberships(checkAgent("index", index));
    }

    /** Draws an agent id, every agent alike. */
    public long randomAgent(SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        return agentId(random.nextInt(spec.agents()));
    }

    /**
     * Draws an agent id by activity, as interactions pick their initiators: Zipf's law over agents with
     * friends, the most connected first. For workloads whose requests come from active users.
     */
    public long activeAgent(SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        return agentId(interactions.activeAgent(random));
    }

    /**
     * Draws a pair of friends, every friendship alike (so agents with many friends come up more).
     *
     * @throws IllegalStateException if the graph has no friendships
     */
    public AgentPair randomFriends(SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        if (friends.pairs() == 0) {
            throw new IllegalStateException("the graph of " + spec.agents() + " agents has no friendships");
        }
        long position = random.nextLong(friends.rows());
        return new AgentPair(agentId(friends.agentAt(position)), agentId(friends.friendAt(position)));
    }

    /**
     * Draws two distinct agents who are not friends, every agent alike: for friend requests.
     *
     * @throws IllegalStateException if no such pair turns up in {@value #PAIR_ATTEMPTS} draws
     *     (every agent is everyone's friend, or there is one agent)
     */
    public AgentPair randomNonFriends(SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        for (int attempt = 0; attempt < PAIR_ATTEMPTS && spec.agents() > 1; attempt++) {
            int a = random.nextInt(spec.agents());
            int b = random.nextInt(spec.agents());
            if (a != b && friends.edge(a, b) < 0) {
                return new AgentPair(agentId(a), agentId(b));
            }
        }
        throw new IllegalStateException(
                "no two agents who are not friends in " + PAIR_ATTEMPTS + " draws among " + spec.agents() + " agents");
    }

    @Override
    public String toString() {
        return "SocialGraph[" + spec + ", " + friends.pairs() + " friendships, max friend count " + maxFriendCount()
                + ", " + communities.memberships() + " memberships]";
    }

    // ------------------------------------------------------------ for the seeder

    FriendGraph friends() {
        return friends;
    }

    Profiles profiles() {
        return profiles;
    }

    InteractionPlan interactions() {
        return interactions;
    }

    CommunityPlan communities() {
        return communities;
    }

    Timeline timeline() {
        return timeline;
    }

    private int checkAgent(String name, int index) {
        if (index < 0 || index >= spec.agents()) {
            throw new IllegalArgumentException(
                    name + " must be an agent index between 0 and " + (spec.agents() - 1) + ", but was " + index);
        }
        return index;
    }

    private int checkCommunity(int c) {
        if (c < 0 || c >= communities.count()) {
            throw new IllegalArgumentException(
                    "c must be a community number between 0 and " + (communities.count() - 1) + ", but was " + c);
        }
        return c;
    }
}
