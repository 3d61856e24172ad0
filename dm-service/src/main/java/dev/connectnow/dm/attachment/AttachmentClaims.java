package dev.connectnow.dm.attachment;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * dm-service's side of the DM attachment contract (docs/dm.md): files uploaded to message-service are claimed
 * for a direct message with {@code POST /internal/attachments/claim}, on behalf of the sender (their bearer
 * token), and message-service answers their views in request order.
 *
 * <p>Inside the circuit breaker a 4xx is an answer, not a failure: it returns normally and becomes the
 * client's 400 (401 stays 401) outside. 5xx, time-outs (2 s) and unreachable instances throw, count against
 * the breaker and become a 503 with {@code Retry-After}; while the breaker is open the 503 comes at once.
 */
public class AttachmentClaims {

    private static final Logger log = LoggerFactory.getLogger(AttachmentClaims.class);
    static final String CLAIM_PATH = "/internal/attachments/claim";

    private final RestClient client;
    private final CircuitBreaker breaker;
    private final Duration retryAfter;

    public AttachmentClaims(RestClient client, CircuitBreaker breaker, Duration retryAfter) {
        this.client = client;
        this.breaker = breaker;
        this.retryAfter = retryAfter;
    }

    record ClaimRequest(List<UUID> attachmentIds, UUID directMessageId, UUID conversationId) {}

    record ClaimResponse(List<AttachmentPayload> items) {}

    /** What message-service said; {@code refusal} is set for a 4xx. */
    private record Outcome(List<AttachmentPayload> items, HttpStatusCode refusal, JsonNode problem) {}

    /**
     * Claims the files for the message and returns their views in the order of {@code attachmentIds}; 400 if
     * any of them is not the caller's own unattached upload, 503 if message-service cannot answer.
     */
    public List<AttachmentPayload> claim(
            String accessToken, UUID directMessageId, UUID conversationId, List<UUID> attachmentIds) {
        ClaimRequest request = new ClaimRequest(attachmentIds, directMessageId, conversationId);
        Outcome outcome = breaker.run(() -> call(accessToken, request), this::unavailable);
        if (outcome.refusal() != null) {
            throw refused(outcome);
        }
        return outcome.items();
    }

    private Outcome call(String accessToken, ClaimRequest request) {
        return client.post()
                .uri(CLAIM_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange((req, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is4xxClientError()) {
                        return new Outcome(null, status, readProblem(response));
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new MessageServiceFailure("claim answered " + status.value());
                    }
                    ClaimResponse body = response.bodyTo(ClaimResponse.class);
                    return new Outcome(inRequestOrder(body, request.attachmentIds()), null, null);
                });
    }

    /** The contract promises one view per id, in request order; anything else is message-service's fault. */
    private static List<AttachmentPayload> inRequestOrder(ClaimResponse body, List<UUID> ids) {
        List<AttachmentPayload> items = body == null || body.items() == null ? List.of() : body.items();
        List<UUID> answered = items.stream().map(AttachmentPayload::id).toList();
        if (!answered.equals(ids)) {
            throw new MessageServiceFailure("claim answered other attachments than requested");
        }
        return List.copyOf(items);
    }

    private static JsonNode readProblem(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            return response.bodyTo(JsonNode.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private ApiException refused(Outcome outcome) {
        if (outcome.refusal().value() == HttpStatus.UNAUTHORIZED.value()) {
            return ApiException.unauthorized("The access token was not accepted");
        }
        return ApiException.invalidField("attachmentIds", reason(outcome.problem()));
    }

    /** message-service's own words about attachmentIds when it gave them, else a generic reason. */
    private static String reason(JsonNode problem) {
        if (problem != null && problem.path("errors").isArray()) {
            for (JsonNode error : problem.path("errors")) {
                if ("attachmentIds".equals(error.path("field").asString(null))
                        && error.path("message").isString()) {
                    return error.path("message").asString();
                }
            }
        }
        return "must be files you uploaded that are not attached to another message";
    }

    private Outcome unavailable(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            log.debug("Attachment claim refused at once: the message-service circuit is open");
        } else {
            log.warn("Attachment claim failed: {} {}", failure.getClass().getSimpleName(), failure.getMessage());
        }
        throw ApiException.serviceUnavailable(
                "Attachments cannot be attached right now; try again shortly", retryAfter);
    }

    /** message-service answered, but not as the contract says (5xx, a wrong body). */
    static final class MessageServiceFailure extends RuntimeException {
        MessageServiceFailure(String message) {
            super(message, null, false, false);
        }
    }
}
