package org.shardkit.examples.service;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.Friendship;
import org.shardkit.social.Interaction;
import org.shardkit.social.InteractionType;
import org.shardkit.social.InvalidInputException;
import org.shardkit.social.SocialRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side: friend requests, accepting them, and interactions through the repository's write
 * queue. A friendship change is one cross-shard write (two-phase commit or the outbox) that has
 * happened when the call returns; an interaction is acknowledged when the queue says so.
 *
 * <p>Thread-safe.
 */
@RestController
@RequestMapping("/agents/{id}")
class WriteController {
    private final SocialRepository social;

    WriteController(SocialRepository social) {
        this.social = social;
    }

    /**
     * The body of a friend request.
     *
     * @param to the agent asked
     */
    record FriendRequest(@Nullable Long to) {}

    /**
     * The body of an interaction.
     *
     * @param recipientId the agent it is addressed to
     * @param type message, comment, reaction, share, mention or collaboration (any case)
     * @param content its text
     */
    record NewInteraction(
            @Nullable Long recipientId,
            @Nullable String type,
            @Nullable String content) {}

    /** {@code POST /agents/{id}/friend-requests {"to": other}}: 201 with the requester's side of the pair. */
    @PostMapping("/friend-requests")
    ResponseEntity<Friendship> request(@PathVariable long id, @RequestBody FriendRequest body) {
        long to = required("to", body.to());
        return ResponseEntity.status(HttpStatus.CREATED).body(social.requestFriendship(id, to));
    }

    /** {@code POST /agents/{id}/friend-requests/{requesterId}/accept}: the accepter's side, now accepted. */
    @PostMapping("/friend-requests/{requesterId}/accept")
    Friendship accept(@PathVariable long id, @PathVariable long requesterId) {
        return social.acceptFriendship(id, requesterId);
    }

    /**
     * {@code POST /agents/{id}/interactions[?ack=journaled|committed]}: records an interaction through
     * the write queue and answers 202 with it (its id and time assigned) once the queue acknowledged
     * it: journaled to local disk (the default with a write journal) or committed on both shards.
     * Arguments are checked at once (400); the rules that need the database (the initiator active, the
     * pair not blocked) when its batch is written. A full queue is a 503 with {@code Retry-After}.
     */
    @PostMapping("/interactions")
    CompletableFuture<ResponseEntity<Interaction>> interact(
            @PathVariable long id,
            @RequestBody NewInteraction body,
            @RequestParam(required = false) @Nullable String ack) {
        long recipient = required("recipientId", body.recipientId());
        InteractionType type = InteractionType.parse(required("type", body.type()));
        String content = required("content", body.content());
        return social.recordInteraction(
                        id, recipient, type, content, ack == null ? null : EnumParams.parse("ack", ack, Ack.class))
                .thenApply(
                        recorded -> ResponseEntity.status(HttpStatus.ACCEPTED).body(recorded));
    }

    private static <T> T required(String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "is required");
        }
        return value;
    }
}
