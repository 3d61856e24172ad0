package dev.connectnow.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A fake downstream service on a JDK {@link HttpServer}: records every request it gets and
 * answers {@code 200 {"service":"<name>","method":..,"path":..}} unless a behaviour is
 * scripted for a path (status, delay, body).
 */
public final class FakeService implements AutoCloseable {

    /** What the fake saw; {@code clientPort} tells which of the caller's connections carried it. */
    public record Seen(String method, String path, String query, Headers headers, long bodyBytes, int clientPort) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted answer. */
    public record Behaviour(
            int status, long delayMillis, String contentType, String body, Map<String, String> headers) {

        public Behaviour(int status, long delayMillis, String contentType, String body) {
            this(status, delayMillis, contentType, body, Map.of());
        }
    }

    private final String name;

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

    private final Map<String, Deque<Behaviour>> sequences = new ConcurrentHashMap<>();

    private final Map<String, Supplier<String>> documents = new ConcurrentHashMap<>();

    public FakeService(String name) {
        this.name = name;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        this.server.createContext("/", this::handle);
        this.server.setExecutor(executor);
        this.server.start();
        documents.put(
                "/v3/api-docs",
                () -> "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\",\"version\":\"test\"}}");
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String uri() {
        return "http://127.0.0.1:" + port();
    }

    /** Serve a JSON document at this exact path (e.g. a JWKS). */
    public FakeService serve(String path, Supplier<String> json) {
        documents.put(path, json);
        return this;
    }

    public FakeService script(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    public FakeService script(String path, int status) {
        return script(path, new Behaviour(status, 0, null, null));
    }

    /** Answers the next requests to this path with these behaviours in order; the last one then stays. */
    public FakeService scriptSequence(String path, Behaviour... answers) {
        sequences.put(path, new ConcurrentLinkedDeque<>(List.of(answers)));
        return this;
    }

    public void reset() {
        seen.clear();
        behaviours.clear();
        sequences.clear();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String method, String path) {
        return seen.stream()
                .filter(s -> s.method().equals(method) && s.path().equals(path))
                .toList();
    }

    public long count(String method, String path) {
        return seen(method, path).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long bodyBytes = drain(exchange.getRequestBody());
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    bodyBytes,
                    exchange.getRemoteAddress().getPort()));
            Behaviour behaviour = next(path);
            if (behaviour != null && behaviour.delayMillis() > 0) {
                try {
                    Thread.sleep(behaviour.delayMillis());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int status = 200;
            String contentType = "application/json";
            String body;
            Supplier<String> document = documents.get(path);
            if (behaviour != null) {
                status = behaviour.status();
                contentType = behaviour.contentType() != null ? behaviour.contentType() : contentType;
                body = behaviour.body() != null ? behaviour.body() : echo(exchange, path, bodyBytes);
            } else if (document != null) {
                body = document.get();
            } else {
                body = echo(exchange, path, bodyBytes);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            // a service that (wrongly) adds its own CORS headers must not produce duplicates
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if (behaviour != null) {
                behaviour.headers().forEach(exchange.getResponseHeaders()::set);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException ex) {
            // the gateway gave up on us (timeout); nothing to answer
        }
    }

    private Behaviour next(String path) {
        Deque<Behaviour> sequence = sequences.get(path);
        if (sequence == null) {
            return behaviours.get(path);
        }
        synchronized (sequence) {
            return sequence.size() > 1 ? sequence.poll() : sequence.peek();
        }
    }

    private String echo(HttpExchange exchange, String path, long bodyBytes) {
        return "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\"" + path
                + "\",\"bodyBytes\":" + bodyBytes + "}";
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
