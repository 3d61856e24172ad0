package dev.connectnow.dm.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for message-service's claim endpoint, switched between behaving (views in
 * request order), refusing (400 problem), failing (500) and hanging (answers after 5 s). It records every
 * request it received.
 */
public final class FakeMessageService implements AutoCloseable {

    public enum Mode {
        CLAIM,
        REFUSE,
        FAIL,
        HANG
    }

    public record Received(String authorization, JsonNode body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.CLAIM;

    public FakeMessageService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/internal/attachments/claim", this::claim);
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void claim(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
        switch (mode) {
            case CLAIM -> respond(exchange, 200, "application/json", Map.of("items", views(body)));
            case REFUSE ->
                respond(
                        exchange,
                        400,
                        "application/problem+json",
                        Map.of(
                                "status",
                                400,
                                "title",
                                "Bad Request",
                                "errors",
                                List.of(Map.of(
                                        "field", "attachmentIds", "message", "contains files you did not upload"))));
            case FAIL -> respond(exchange, 500, "application/problem+json", Map.of("status", 500));
            case HANG -> {
                try {
                    TimeUnit.SECONDS.sleep(5);
                    respond(exchange, 200, "application/json", Map.of("items", views(body)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException clientGaveUp) {
                    // dm-service stopped waiting long ago
                }
            }
        }
    }

    private static List<Map<String, Object>> views(JsonNode body) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (JsonNode id : body.get("attachmentIds")) {
            String value = id.asString();
            views.add(Map.of(
                    "id",
                    value,
                    "fileName",
                    "file-" + value.substring(30) + ".png",
                    "fileUrl",
                    "/api/attachments/" + value + "/content",
                    "fileSize",
                    1234,
                    "mimeType",
                    "image/png",
                    "thumbnailUrl",
                    "/api/attachments/" + value + "/thumbnail",
                    "width",
                    64,
                    "height",
                    48));
        }
        return views;
    }

    private static void respond(HttpExchange exchange, int status, String type, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
