package org.shardkit.examples.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.shardkit.social.NewAgent;

/** A SHA-256 of everything a graph holds or draws: profiles, friend lists, interactions, communities. */
final class Digest {
    private final MessageDigest sha;
    private final ByteBuffer buffer = ByteBuffer.allocate(64);

    private Digest() throws NoSuchAlgorithmException {
        sha = MessageDigest.getInstance("SHA-256");
    }

    static String of(SocialGraph g) throws NoSuchAlgorithmException {
        Digest d = new Digest();
        for (int a = 0; a < g.agentCount(); a++) {
            NewAgent agent = g.agent(a);
            d.text(agent.handle())
                    .text(agent.name())
                    .text(agent.personality().name())
                    .text(agent.bio());
            agent.interests().forEach(d::number);
            d.number(g.friendCount(a));
            for (int k = 0; k < g.friendCount(a); k++) {
                d.number(g.friend(a, k)).number(g.interactionsBetween(a, g.friend(a, k)));
            }
            d.number(g.interactions().agentLast(a));
            for (int c : g.communitiesOf(a)) {
                d.number(c);
            }
        }
        for (int b = 0; b < g.interactions().blocks(); b++) {
            g.interactions()
                    .draw(
                            b,
                            (i, initiator, recipient, type, content) -> d.number(i)
                                    .number(initiator)
                                    .number(recipient)
                                    .number(type)
                                    .number(content));
        }
        for (int c = 0; c < g.communityCount(); c++) {
            d.number(g.memberCount(c)).number(g.communities().owner(c));
        }
        return HexFormat.of().formatHex(d.sha.digest());
    }

    private Digest number(long v) {
        buffer.clear();
        buffer.putLong(v);
        sha.update(buffer.array(), 0, 8);
        return this;
    }

    private Digest text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(b.length);
        sha.update(b);
        return this;
    }
}
