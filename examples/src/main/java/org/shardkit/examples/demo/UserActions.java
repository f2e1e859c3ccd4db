package org.shardkit.examples.demo;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.FriendOrder;
import org.shardkit.social.InteractionType;
import org.shardkit.social.SocialRepository;

/**
 * What a simulated user does: draws an operation by its weight and the agents it concerns, and
 * returns the call ready to be timed. The draws happen before the clock starts; the call is only the
 * repository's method (and, for an interaction, the wait for its journal acknowledgement).
 *
 * <p>Thread-safe: every user's thread draws from its own random source.
 */
final class UserActions {
    /** Items per feed or friend-list page: {@value}. */
    static final int PAGE = 20;
    /** Agents per compatible-agents search: {@value}. */
    static final int COMPATIBLE = 10;
    /** Draws of a pair not yet asked before a request gives up and reads a feed instead. */
    private static final int REQUEST_DRAWS = 8;

    private static final String[] LINES = {
        "hello", "read this", "nice work", "shall we build it?", "see you at the meetup", "thanks!"
    };
    private static final InteractionType[] TYPES = InteractionType.values();

    private final SocialRepository social;
    private final Population population;
    private final PendingRequests pending;
    private final LongSupplier nanoTicker;
    private final AtomicLong created = new AtomicLong();

    /**
     * Creates the actions.
     *
     * @param social the repository the calls go to
     * @param population where agents are drawn from
     * @param pending the run's friend requests
     * @param nanoTicker the time, to tell when a request is due
     */
    UserActions(SocialRepository social, Population population, PendingRequests pending, LongSupplier nanoTicker) {
        this.social = Objects.requireNonNull(social, "social");
        this.population = Objects.requireNonNull(population, "population");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /**
     * Draws the next call: its operation by weight, then its agents. An accept with no request due
     * becomes a request; a request whose pairs were all asked already becomes a feed read.
     *
     * @param random the user's random source
     * @return the call, not yet made
     */
    Call next(SplittableRandom random) {
        return call(Operation.pick(random.nextInt(Operation.totalWeight())), random);
    }

    /**
     * Draws a call of one operation (the warm-up calls each in turn), with the same substitutions as
     * {@link #next}.
     *
     * @param wanted the operation
     * @param random the caller's random source
     * @return the call, not yet made
     */
    Call call(Operation wanted, SplittableRandom random) {
        Operation op = wanted;
        if (op == Operation.ACCEPT_FRIENDSHIP) {
            AgentPair request = pending.takeDue(nanoTicker.getAsLong());
            if (request != null) {
                return accept(request);
            }
            op = Operation.REQUEST_FRIENDSHIP;
        }
        switch (op) {
            case FEED:
                return feed(population.agent(random));
            case FRIEND_LIST: {
                long agent = population.agent(random);
                return new Call(op, () -> social.friends(agent, FriendOrder.STRENGTH, PAGE, null));
            }
            case COMPATIBLE_AGENTS: {
                long agent = population.agent(random);
                // A partial answer (a shard missed the deadline) is a failure here, not a success.
                return new Call(
                        op, () -> social.compatibleAgents(agent, COMPATIBLE).requireComplete());
            }
            case RECORD_INTERACTION: {
                AgentPair pair = population.friends(random);
                InteractionType type = TYPES[random.nextInt(TYPES.length)];
                String line = LINES[random.nextInt(LINES.length)];
                return new Call(
                        op,
                        () -> social.recordInteraction(pair.first(), pair.second(), type, line, Ack.JOURNALED)
                                .join());
            }
            case REQUEST_FRIENDSHIP:
                for (int i = 0; i < REQUEST_DRAWS; i++) {
                    AgentPair pair = population.strangers(random);
                    if (pending.claim(pair)) {
                        return new Call(op, () -> {
                            social.requestFriendship(pair.first(), pair.second());
                            pending.requested(pair, nanoTicker.getAsLong());
                        });
                    }
                }
                return feed(population.agent(random));
            case CREATE_AGENT: {
                long sequence = created.getAndIncrement();
                var agent = population.newAgent(sequence, random);
                return new Call(op, () -> social.createAgent(agent));
            }
            default:
                throw new AssertionError(op);
        }
    }

    /** The recipient accepts: the pair's second agent, the request of its first. */
    private Call accept(AgentPair request) {
        return new Call(Operation.ACCEPT_FRIENDSHIP, () -> social.acceptFriendship(request.second(), request.first()));
    }

    private Call feed(long agent) {
        return new Call(Operation.FEED, () -> social.feed(agent, PAGE, null));
    }

    /**
     * One call to make and time.
     *
     * @param operation what it is, for the table
     * @param body the call; throws what the repository throws
     */
    record Call(Operation operation, Runnable body) {
        Call {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(body, "body");
        }
    }
}
