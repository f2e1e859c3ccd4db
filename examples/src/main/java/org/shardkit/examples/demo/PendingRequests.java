package org.shardkit.examples.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The friend requests the run has made, so that each pair is asked at most once (a second request
 * would be refused, and be the workload's fault, not the library's) and so that a request is
 * accepted only after its recipient could have seen it: in outbox mode the request reaches the
 * recipient's shard through the relay, within about 100 ms ({@code docs/social.md}), so a request
 * is due for acceptance {@link #DEFAULT_ACCEPT_AFTER} after it returned.
 *
 * <p>Thread-safe.
 */
final class PendingRequests {
    /** How long after a request returned it may be accepted: 1 s, ten relay passes. */
    static final Duration DEFAULT_ACCEPT_AFTER = Duration.ofSeconds(1);

    private final Set<AgentPair> asked = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Due> due = new ArrayDeque<>();
    private final long acceptAfterNanos;

    /**
     * Creates the list.
     *
     * @param acceptAfter how long after a request returned it may be accepted
     */
    PendingRequests(Duration acceptAfter) {
        if (acceptAfter.isNegative()) {
            throw new IllegalArgumentException("acceptAfter must not be negative, but was " + acceptAfter);
        }
        this.acceptAfterNanos = acceptAfter.toNanos();
    }

    /**
     * Claims a pair for a request: true the first time the pair (either way round) is claimed.
     *
     * @param pair the requester, then the recipient
     */
    boolean claim(AgentPair pair) {
        return asked.add(pair.unordered());
    }

    /**
     * Records a request that returned; it is due for acceptance {@code acceptAfter} later.
     *
     * @param pair the requester, then the recipient
     * @param returnedAt when the request returned, in ticker nanoseconds
     */
    void requested(AgentPair pair, long returnedAt) {
        synchronized (due) {
            due.addLast(new Due(pair, returnedAt + acceptAfterNanos));
        }
    }

    /**
     * Takes the oldest request that is due, if any.
     *
     * @param now the ticker's time
     * @return the requester, then the recipient; null if none is due
     */
    @Nullable
    AgentPair takeDue(long now) {
        synchronized (due) {
            Due first = due.peekFirst();
            if (first == null || first.at - now > 0) {
                return null;
            }
            due.removeFirst();
            return first.pair;
        }
    }

    /** Returns how many requests wait for acceptance. */
    int waiting() {
        synchronized (due) {
            return due.size();
        }
    }

    private record Due(AgentPair pair, long at) {}
}
