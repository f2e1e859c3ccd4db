package org.shardkit.examples.service;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.LimitExceededException;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardUnavailableException;
import org.shardkit.core.scatter.PartialResultException;
import org.shardkit.core.writequeue.WriteQueueFullException;
import org.shardkit.social.AgentNotFoundException;
import org.shardkit.social.FriendshipStateException;
import org.shardkit.social.HandleTakenException;
import org.shardkit.social.InvalidInputException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as an RFC 9457 problem ({@code application/problem+json}) whose {@code detail} is
 * shardkit's own message, which names the field, the agent, the shard or the limit:
 *
 * <table>
 *   <caption>status by failure</caption>
 *   <tr><th>failure</th><th>status</th></tr>
 *   <tr><td>{@link InvalidInputException}, an unreadable body or parameter</td><td>400, {@code field} names it</td></tr>
 *   <tr><td>{@link AgentNotFoundException}</td><td>404</td></tr>
 *   <tr><td>{@link HandleTakenException}, {@link FriendshipStateException}</td><td>409</td></tr>
 *   <tr><td>{@link LimitExceededException} (a rate or concurrency limit)</td><td>429 with {@code Retry-After}</td></tr>
 *   <tr><td>{@link WriteQueueFullException}</td><td>503 with {@code Retry-After}</td></tr>
 *   <tr><td>{@link ShardUnavailableException}, {@link PartialResultException}</td><td>503, {@code shard} names it</td></tr>
 * </table>
 *
 * <p>Spring MVC's own exceptions (a parameter of the wrong type, a missing body) keep the statuses of
 * {@link ResponseEntityExceptionHandler}, as problems too. Thread-safe.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {
    /** The {@code Retry-After} of a full queue or a limit, in seconds: about when the queue has drained a batch. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, e, "field", e.field());
    }

    @ExceptionHandler(AgentNotFoundException.class)
    ProblemDetail agentNotFound(AgentNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e, "agentId", e.agentId());
    }

    @ExceptionHandler({HandleTakenException.class, FriendshipStateException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(WriteQueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(WriteQueueFullException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, e, "depth", e.depth()));
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException e) {
        return retryLater(problem(HttpStatus.TOO_MANY_REQUESTS, e, "limit", e.limitName()));
    }

    @ExceptionHandler(ShardUnavailableException.class)
    ProblemDetail shardUnavailable(ShardUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e, "shard", e.shardName());
    }

    @ExceptionHandler(PartialResultException.class)
    ProblemDetail partial(PartialResultException e) {
        List<Integer> missing =
                e.missing().keySet().stream().map(ShardId::value).toList();
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e, "missingShards", missing);
    }

    /** A path or query parameter of the wrong type ({@code /agents/abc}): 400 naming it. */
    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = String.valueOf(ex.getPropertyName());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                status,
                field + " must be " + (ex.getRequiredType() == null ? "of another type" : "a " + typeName(ex))
                        + ", but was '" + ex.getValue() + "'");
        p.setProperty("field", field);
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    private static String typeName(TypeMismatchException ex) {
        Class<?> type = Objects.requireNonNull(ex.getRequiredType());
        return type == long.class || type == int.class ? "number" : type.getSimpleName();
    }

    /** A body that is not JSON, or whose value does not fit its field: 400 naming the field. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p =
                ProblemDetail.forStatusAndDetail(status, "the request body is not JSON of the expected shape");
        if (ex.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference r : mapping.getPath()) {
                String name = r.getFieldName();
                field.append(name == null ? "[" + r.getIndex() + "]" : (field.length() == 0 ? "" : ".") + name);
            }
            p.setDetail(field + ": " + mapping.getOriginalMessage());
            p.setProperty("field", field.toString());
        }
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    /** A problem whose detail is the exception's message, with one property that names what failed. */
    private static ProblemDetail problem(HttpStatus status, RuntimeException e, String property, Object value) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, String.valueOf(e.getMessage()));
        p.setProperty(property, value);
        return p;
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(p);
    }
}
