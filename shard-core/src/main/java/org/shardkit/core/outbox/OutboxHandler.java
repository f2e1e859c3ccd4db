package org.shardkit.core.outbox;

import org.jdbi.v3.core.Handle;

/**
 * Applies messages of one kind on their target shard. Called inside a transaction on the target
 * shard's primary; throwing rolls it back and the message is tried again later, after a backoff,
 * with the later messages of the same source and target waiting behind it.
 *
 * <p>A message may be applied more than once (a relay that applied it can fail before deleting it),
 * so the handler must be idempotent: {@code INSERT ... ON CONFLICT DO NOTHING}, an update to an
 * absolute value, or a check of a version or of {@link OutboxMessage#id()} recorded on the target.
 * Do all the work on the given handle: a call on the {@link org.shardkit.core.ShardedDatabase}
 * from inside the handler does not join this transaction.
 *
 * <p>Implementations must be thread-safe: relays on several threads apply messages of different
 * source and target pairs at once.
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
