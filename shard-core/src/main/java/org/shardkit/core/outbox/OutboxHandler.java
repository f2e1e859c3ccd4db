package org.shardkit.core.outbox;

import org.jdbi.v3.core.Handle;

/**
 * Applies messages of one kind on their target shard. Called inside a transaction on the target
 * shard's primary; throwing rolls it back and the message is tried again later. A message may be
 * applied more than once (a relay that applied it can fail before deleting it), so the handler must
 * be idempotent.
 */
@FunctionalInterface
public interface OutboxHandler {
    /**
     * Applies one message.
     *
     * @param target the handle of the open transaction on {@code message.target()}
     * @param message the message
     * @throws Exception to roll back and retry later
     */
    void apply(Handle target, OutboxMessage message) throws Exception;
}
