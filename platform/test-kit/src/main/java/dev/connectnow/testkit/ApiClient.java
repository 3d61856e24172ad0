package dev.connectnow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for tests: JSON in, status + headers + body out, never throwing on 4xx/5xx so
 * tests can assert on every response. Bodies may be objects (serialized with Jackson) or raw strings.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One client for every test in the JVM: each HttpClient owns a selector thread and a connection pool. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, String token, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, null, Map.of());
    }

    public static ApiClient local(int port) {
        return at("http://127.0.0.1:" + port);
    }

    public ApiClient as(String accessToken) {
        return new ApiClient(baseUrl, accessToken, headers);
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiClient(baseUrl, token, copy);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response send(String method, String path, Object body) {
        if (body == null) {
            return send(method, path, null, null);
        }
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(method, path, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends exactly these bytes with exactly this {@code Content-Type} (none when null): for requests a
     * well-behaved client would not make, such as invalid UTF-8 or a wildcard media type. The path goes out
     * as written, percent-escapes included.
     */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        /** A top-level field ({@code "id"}) or a JSON pointer ({@code "/user/username"}); null if absent. */
        public String text(String field) {
            JsonNode node = field.startsWith("/") ? json().at(field) : json().get(field);
            return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
