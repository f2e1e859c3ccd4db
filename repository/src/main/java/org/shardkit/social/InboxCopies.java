package org.shardkit.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.shardkit.core.ShardId;
import org.shardkit.core.batch.BatchSink;
import org.shardkit.core.batch.BatchTable;
import org.shardkit.core.batch.Refusals;

/**
 * The second stage of a queued interaction, on its recipient's shard, once the first committed: the
 * inbox copies by {@code COPY} and the strength of the recipient's edges, in one transaction per
 * batch. As in the synchronous path, no copy is made for a pair the recipient's row says is blocked;
 * a recipient that does not exist or is deactivated refuses its copy (the row on the initiator's side
 * stays, as a late refusal does in outbox mode). A copy already there (a replay) is not counted again.
 * Thread-safe.
 */
final class InboxCopies implements BatchSink<Interaction> {
    static final BatchTable<Interaction> TABLE = BatchTable.<Interaction>builder("interaction_inbox")
            .bigint("id", Interaction::id)
            .bigint("recipient_id", Interaction::recipientId)
            .bigint("initiator_id", Interaction::initiatorId)
            .text("type", it -> it.type().code())
            .text("content", Interaction::content)
            .timestamptz("created_at", Interaction::createdAt)
            .key("id")
            .build();

    /**
     * The rows that get no copy, by their 1-based position, with the recipient's status (null: no such
     * agent): a recipient missing or deactivated refuses its copy, a blocked pair gets none.
     */
    private static final String SKIPPED = "SELECT u.ord, a.status"
            + " FROM unnest(?::int8[], ?::int8[]) WITH ORDINALITY AS u(recipient, initiator, ord)"
            + " LEFT JOIN agent a ON a.id = u.recipient"
            + " LEFT JOIN friendship f ON f.agent_id = u.recipient AND f.friend_id = u.initiator"
            + " WHERE a.status IS DISTINCT FROM 'active' OR f.status = 'blocked'";

    @Override
    public void write(Connection c, ShardId shard, List<Interaction> rows, Refusals refusals) throws SQLException {
        IndexProbes.forThisTransaction(c);
        Long[] recipients = new Long[rows.size()];
        Long[] initiators = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            recipients[i] = rows.get(i).recipientId();
            initiators[i] = rows.get(i).initiatorId();
        }
        BitSet skip = new BitSet(rows.size());
        try (PreparedStatement ps = c.prepareStatement(SKIPPED)) {
            ps.setArray(1, c.createArrayOf("int8", recipients));
            ps.setArray(2, c.createArrayOf("int8", initiators));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    skip.set(i);
                    String status = rs.getString(2);
                    if (!"active".equals(status)) {
                        refusals.refuse(
                                i, new AgentNotFoundException(rows.get(i).recipientId(), status != null));
                    }
                }
            }
        }
        List<Interaction> copies = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!skip.get(i)) {
                copies.add(rows.get(i));
            }
        }
        if (copies.isEmpty()) {
            return;
        }
        BitSet inserted = TABLE.load(c, copies);
        StrengthChanges.apply(c, copies, inserted, Interaction::recipientId, Interaction::initiatorId);
    }
}
