/**
 * An asynchronous, bounded write queue: {@link org.shardkit.core.writequeue.WriteQueue#submit} hands
 * a write to a sink (such as a {@link org.shardkit.core.batch.BatchWriter}) and returns a future that
 * completes at the acknowledgement level the caller chose ({@link
 * org.shardkit.core.writequeue.Ack}): once the write is in a local journal forced to disk, or once it
 * committed. A full queue blocks or refuses; it never drops a write. See {@code docs/writes.md}.
 */
@NullMarked
package org.shardkit.core.writequeue;

import org.jspecify.annotations.NullMarked;
