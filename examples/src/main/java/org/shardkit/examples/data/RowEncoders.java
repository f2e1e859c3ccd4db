package org.shardkit.examples.data;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.shardkit.core.ShardKey;

/**
 * Encodes a graph's rows exactly as the repository writes them, each on the shard the target routes
 * its key to:
 *
 * <ul>
 *   <li>{@code agent} on the agent's shard: active, {@code friend_count} = its friends (all
 *       accepted), {@code last_active_at} = its last initiated interaction, else its creation;
 *   <li>{@code agent_handle} on the handle's shard ({@code ShardKey.of(handle)}), claimed when the
 *       agent was created;
 *   <li>{@code friendship}: both rows, each on its owner's shard, {@code accepted}, {@code
 *       peer_active}, created at the request, updated (and versioned, in microseconds) at the
 *       acceptance, with the pair's interaction count, last interaction and the strength the
 *       repository derives from the count ({@code min(100, floor(20 ln(1 + count)))});
 *   <li>{@code interaction} on the initiator's shard, {@code interaction_inbox} on the recipient's;
 *   <li>{@code community} on its shard with its {@code member_count}, {@code community_member} on
 *       the community's shard, {@code agent_community} on the agent's.
 * </ul>
 *
 * Chunks: agents in runs of {@value #AGENTS_PER_CHUNK}, interactions by {@link InteractionPlan}
 * block; the communities phase's chunk 0 is the community rows. Thread-safe.
 */
final class RowEncoders {
    static final int AGENTS_PER_CHUNK = 4096;

    private static final byte[] ACTIVE = bytes("active");
    private static final byte[] ACCEPTED = bytes("accepted");
    private static final byte[][] PERSONALITY = new byte[Texts.PERSONALITIES.length][];
    private static final byte[][] TYPE = new byte[Texts.TYPES.length][];

    static {
        for (int i = 0; i < PERSONALITY.length; i++) {
            PERSONALITY[i] = bytes(Texts.PERSONALITIES[i].code());
        }
        for (int i = 0; i < TYPE.length; i++) {
            TYPE[i] = bytes(Texts.TYPES[i].code());
        }
    }

    private final SocialGraph graph;
    private final SeedTarget target;
    private final long end;
    private final int[] agentShard;
    private final int[] communityShard;

    /**
     * @param end the end of the graph's history (its "now"), in microseconds since 1970
     */
    RowEncoders(SocialGraph graph, SeedTarget target, long end) {
        this.graph = graph;
        this.target = target;
        this.end = end;
        this.agentShard = new int[graph.agentCount()];
        IntStream.range(0, agentShard.length)
                .parallel()
                .forEach(a -> agentShard[a] = target.shardOf(ShardKey.of(graph.agentId(a))));
        this.communityShard = new int[graph.communityCount()];
        for (int c = 0; c < communityShard.length; c++) {
            communityShard[c] = target.shardOf(ShardKey.of(graph.communityId(c)));
        }
    }

    int agentChunks() {
        return (graph.agentCount() + AGENTS_PER_CHUNK - 1) / AGENTS_PER_CHUNK;
    }

    void agents(int chunk, PhaseRun.Output out) {
        FriendGraph friends = graph.friends();
        Timeline time = graph.timeline();
        InteractionPlan plan = graph.interactions();
        int to = Math.min(graph.agentCount(), (chunk + 1) * AGENTS_PER_CHUNK);
        for (int a = chunk * AGENTS_PER_CHUNK; a < to; a++) {
            Profiles.Profile p = graph.profiles().profile(a);
            long id = graph.agentId(a);
            long created = end + time.agentCreated(a);
            int last = plan.agentLast(a);
            CopyRows agent = out.to(SeedTable.AGENT, agentShard[a]);
            agent.row(10);
            agent.int8(id);
            agent.text(p.handle());
            agent.text(p.name());
            agent.text(PERSONALITY[p.personality().ordinal()]);
            agent.int4Array(p.interests());
            agent.text(p.bio());
            agent.text(ACTIVE);
            agent.int4(friends.degree(a));
            agent.timestamp(created);
            agent.timestamp(last < 0 ? created : Math.max(created, end + time.interaction(last)));
            CopyRows handle = out.to(SeedTable.AGENT_HANDLE, target.shardOf(ShardKey.of(p.handle())));
            handle.row(3);
            handle.text(p.handle());
            handle.int8(id);
            handle.timestamp(created);
        }
    }

    void friendships(int chunk, PhaseRun.Output out) {
        FriendGraph friends = graph.friends();
        Timeline time = graph.timeline();
        InteractionPlan plan = graph.interactions();
        long seed = graph.spec().seed();
        int to = Math.min(graph.agentCount(), (chunk + 1) * AGENTS_PER_CHUNK);
        for (int a = chunk * AGENTS_PER_CHUNK; a < to; a++) {
            int degree = friends.degree(a);
            for (int k = 0; k < degree; k++) {
                int b = friends.friend(a, k);
                int pair = friends.edgeAt(a, k);
                int count = plan.pairCount(pair);
                int last = plan.pairLast(pair);
                int low = Math.min(a, b);
                int high = Math.max(a, b);
                int requester = (Draws.hash(seed, Draws.REQUESTERS, pair) & 1) == 0 ? low : high;
                long accepted = end + time.friendshipAccepted(low, high);
                CopyRows row = out.to(SeedTable.FRIENDSHIP, agentShard[a]);
                row.row(12);
                row.int8(graph.agentId(a));
                row.int8(graph.agentId(b));
                row.text(ACCEPTED);
                row.int8(graph.agentId(requester));
                row.nul();
                row.int4(strength(count));
                row.int4(count);
                if (last < 0) {
                    row.nul();
                } else {
                    row.timestamp(end + time.interaction(last));
                }
                row.bool(true);
                row.int8(accepted);
                row.timestamp(end + time.friendshipRequested(low, high));
                row.timestamp(accepted);
            }
        }
    }

    /** The repository's strength of a pair after {@code count} interactions. */
    static int strength(int count) {
        return (int) Math.min(100, StrictMath.floor(20 * StrictMath.log(1 + count)));
    }

    void interactions(int block, PhaseRun.Output out) {
        Timeline time = graph.timeline();
        graph.interactions().draw(block, (i, initiator, recipient, type, content) -> {
            long id = SocialGraph.INTERACTION_ID_BASE + i;
            long at = end + time.interaction(i);
            byte[] text = Texts.CONTENTS[content];
            CopyRows sent = out.to(SeedTable.INTERACTION, agentShard[initiator]);
            sent.row(6);
            sent.int8(id);
            sent.int8(graph.agentId(initiator));
            sent.int8(graph.agentId(recipient));
            sent.text(TYPE[type]);
            sent.text(text);
            sent.timestamp(at);
            CopyRows inbox = out.to(SeedTable.INTERACTION_INBOX, agentShard[recipient]);
            inbox.row(6);
            inbox.int8(id);
            inbox.int8(graph.agentId(recipient));
            inbox.int8(graph.agentId(initiator));
            inbox.text(TYPE[type]);
            inbox.text(text);
            inbox.timestamp(at);
        });
    }

    /** Chunk 0: the community rows; chunk {@code k > 0}: the memberships of the agents of chunk {@code k - 1}. */
    void communities(int chunk, PhaseRun.Output out) {
        CommunityPlan plan = graph.communities();
        Timeline time = graph.timeline();
        if (chunk == 0) {
            for (int c = 0; c < plan.count(); c++) {
                String topic = Texts.topic(c);
                CopyRows row = out.to(SeedTable.COMMUNITY, communityShard[c]);
                row.row(6);
                row.int8(graph.communityId(c));
                row.text(Character.toUpperCase(topic.charAt(0)) + topic.substring(1) + " circle #" + c);
                row.text("People who love " + topic + ".");
                row.int8(graph.agentId(plan.owner(c)));
                row.int4(plan.members(c));
                row.timestamp(end + time.communityCreated(c, plan.owner(c)));
            }
            return;
        }
        int from = (chunk - 1) * AGENTS_PER_CHUNK;
        int to = Math.min(graph.agentCount(), from + AGENTS_PER_CHUNK);
        for (int a = from; a < to; a++) {
            for (int c : plan.memberships(a)) {
                int owner = plan.owner(c);
                long created = time.communityCreated(c, owner);
                long joined = end + (owner == a ? created : time.joined(a, c, created));
                CopyRows member = out.to(SeedTable.COMMUNITY_MEMBER, communityShard[c]);
                member.row(3);
                member.int8(graph.communityId(c));
                member.int8(graph.agentId(a));
                member.timestamp(joined);
                CopyRows mine = out.to(SeedTable.AGENT_COMMUNITY, agentShard[a]);
                mine.row(3);
                mine.int8(graph.agentId(a));
                mine.int8(graph.communityId(c));
                mine.timestamp(joined);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
