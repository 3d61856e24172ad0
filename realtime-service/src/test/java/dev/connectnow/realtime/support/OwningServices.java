package dev.connectnow.realtime.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the snapshot endpoints of workspace-service, channel-service and dm-service (contract 3) on a
 * real HTTP server: it answers each user — recognised by the {@code sub} of the bearer token it is called
 * with — from what the test declared, one item per page so that paging is exercised, and can be told to fail.
 */
public final class OwningServices implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One channel membership as channel-service lists it. */
    public record Membership(UUID channelId, UUID workspaceId, boolean isPrivate, int memberCount) {}

    private final HttpServer server;
    private final Map<UUID, Set<UUID>> workspaces = new ConcurrentHashMap<>();
    private final Map<UUID, List<Membership>> channels = new ConcurrentHashMap<>();
    private final Map<UUID, List<UUID>> partners = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();

    public OwningServices() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(
                "/api/workspaces",
                exchange -> answer(
                        exchange,
                        user -> workspaces.getOrDefault(user, Set.of()).stream()
                                .map(id -> (Object) Map.of("id", id.toString(), "name", "w"))
                                .toList()));
        server.createContext(
                "/api/channels/memberships",
                exchange -> answer(
                        exchange,
                        user -> channels.getOrDefault(user, List.of()).stream()
                                .map(m -> (Object) Map.of(
                                        "channelId", m.channelId().toString(),
                                        "workspaceId", m.workspaceId().toString(),
                                        "role", "MEMBER",
                                        "isPrivate", m.isPrivate(),
                                        "memberCount", m.memberCount()))
                                .toList()));
        server.createContext(
                "/api/dm/conversations",
                exchange -> answer(
                        exchange,
                        user -> partners.getOrDefault(user, List.of()).stream()
                                .map(p -> (Object) Map.of(
                                        "id", UUID.randomUUID().toString(), "otherUser", Map.of("id", p.toString())))
                                .toList()));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public OwningServices member(UUID user, UUID workspace, Membership... memberships) {
        workspaces.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(workspace);
        channels.computeIfAbsent(user, u -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .addAll(List.of(memberships));
        return this;
    }

    public OwningServices conversation(UUID a, UUID b) {
        partners.computeIfAbsent(a, u -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(b);
        partners.computeIfAbsent(b, u -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(a);
        return this;
    }

    /** Answers this path with this status until {@link #heal(String)}. */
    public void fail(String path, int status) {
        failing.put(path, status);
    }

    public void heal(String path) {
        failing.remove(path);
    }

    private void answer(HttpExchange exchange, java.util.function.Function<UUID, List<Object>> items)
            throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            Integer status = failing.get(path);
            if (status != null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            UUID user = subject(exchange.getRequestHeaders().getFirst("Authorization"));
            if (user == null) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            List<Object> all = new ArrayList<>(items.apply(user));
            int from = cursor(exchange.getRequestURI().getRawQuery());
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", from < all.size() ? List.of(all.get(from)) : List.of());
            page.put("nextCursor", from + 1 < all.size() ? Integer.toString(from + 1) : null);
            byte[] body = JSON.writeValueAsBytes(page);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static int cursor(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("cursor=")) {
                    return Integer.parseInt(part.substring("cursor=".length()));
                }
            }
        }
        return 0;
    }

    private static UUID subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return UUID.fromString(claims.path("sub").asString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
