package dev.connectnow.gateway.problem;

import dev.connectnow.gateway.logging.RequestAttributes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) straight to the
 * response, for the answers the gateway gives itself (401, 413, 429, 503, ...).
 * <p>
 * {@code type} is {@code about:blank}, so {@code title} is the HTTP reason phrase; the
 * {@code instance} is the request path (never the query string).
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, status, detail, headers -> {});
    }

    public static Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, String detail, Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        extraHeaders.accept(headers);
        byte[] body = body(status, detail, instance(exchange));
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The path the client asked for, also after a forward or rewrite. */
    public static String instance(ServerWebExchange exchange) {
        String original = exchange.getAttribute(RequestAttributes.ORIGINAL_PATH);
        return original != null ? original : exchange.getRequest().getPath().value();
    }

    /** The problem document as JSON bytes; without {@code instance} when it is null (no path was read). */
    public static byte[] body(HttpStatusCode status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (RuntimeException ex) {
            return ("{\"type\":\"about:blank\",\"status\":" + status.value() + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    public static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }
}
