package dev.connectnow.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client for tests of the realtime protocol (api.md, Real-time), on the JDK's
 * {@link java.net.http.WebSocket}: it records every frame, speaks IDENTIFY / HEARTBEAT / RESUME / TYPING /
 * ACTIVITY / PRESENCE_SUBSCRIBE, and can stop reading (its socket's receive window then fills, as with a client
 * that hangs) to test backpressure. Waits return as soon as their condition holds.
 *
 * <pre>
 * try (WsClient ws = WsClient.connect(URI.create("ws://localhost:8080/ws"))) {
 *     JsonNode ready = ws.identify(token);
 *     JsonNode event = ws.awaitEvent("message.created", e -> e.path("d").path("id").asString().equals(id));
 * }
 * </pre>
 */
public final class WsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final Duration HEARTBEAT_SEND_LIMIT = Duration.ofSeconds(5);
    private static final Duration IDLE_BEFORE_GIVING_UP = Duration.ofMillis(500);
    /** "Reconnect now" (docs/realtime.md, close codes), and how many sockets a connect opens on it at most. */
    private static final int RECONNECT_NOW = 4012;

    private static final int ATTEMPTS_ON_RECONNECT_NOW = 3;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How the socket ended: the close code and reason the server sent (1006 when it just went away). */
    public record Closed(int code, String reason) {}

    private final List<String> frames = new ArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private static final java.util.concurrent.ScheduledExecutorService HEARTBEATS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ws-client-heartbeats");
                thread.setDaemon(true);
                return thread;
            });

    private final StringBuilder partial = new StringBuilder();
    private volatile boolean heartbeating = true;
    private volatile java.util.concurrent.ScheduledFuture<?> heartbeats;
    private WebSocket socket;
    private boolean reading = true;
    private boolean demandPending;
    private long lastFrameNanos = System.nanoTime();

    private WsClient() {}

    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /**
     * Opens the socket (handshake headers such as {@code Origin} may be given) and waits for HELLO, as every client
     * does before IDENTIFY or RESUME: HELLO proves the socket reaches an instance end to end. A socket closed 4012
     * before HELLO is opened again, as the close code asks ("reconnect now"): the gateway closes a client's socket
     * so when its own socket to the instance it picked did not open (docs/realtime.md).
     *
     * @throws HandshakeRefused when the server answers the upgrade with an HTTP status
     */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            WsClient client = open(uri, headers);
            Optional<Closed> closedBeforeHello = client.awaitHelloOrClose();
            if (closedBeforeHello.isEmpty()) {
                return client;
            }
            if (closedBeforeHello.get().code() != RECONNECT_NOW || attempt == ATTEMPTS_ON_RECONNECT_NOW) {
                throw new AssertionError("socket to " + uri + " closed before HELLO (attempt " + attempt + "): "
                        + closedBeforeHello.get());
            }
        }
    }

    private static WsClient open(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(uri, client.new Listener()).get(20, TimeUnit.SECONDS);
            return client;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefused(refused.getResponse().statusCode());
            }
            throw new IllegalStateException("WebSocket to " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("WebSocket to " + uri + " did not open in 20 s", e);
        }
    }

    /** Empty once HELLO arrived; the close if the socket closed first; fails if neither happened in 20 s. */
    private Optional<Closed> awaitHelloOrClose() {
        Optional<JsonNode> hello = await(f -> f.path("op").asString().equals("HELLO"), DEFAULT_WAIT, closed::isDone);
        if (hello.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(closeStatus()
                .orElseThrow(() -> new AssertionError("no HELLO within " + DEFAULT_WAIT.toSeconds()
                        + " s and the socket is still open; received " + describe())));
    }

    /** The server refused the upgrade with this HTTP status. */
    public static final class HandshakeRefused extends RuntimeException {
        private final int status;

        HandshakeRefused(int status) {
            super("WebSocket handshake refused with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    // ------------------------------------------------------------------ sending

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsClient send(String op, Object d) {
        return send(
                d == null
                        ? JSON.writeValueAsString(Map.of("op", op))
                        : JSON.writeValueAsString(Map.of("op", op, "d", d)));
    }

    /** IDENTIFY (after HELLO, as the protocol orders: see {@link #connect}) and wait for READY; returns its {@code d}. */
    public JsonNode identify(String accessToken) {
        send("IDENTIFY", Map.of("token", accessToken));
        return awaitOp("READY").path("d");
    }

    /** RESUME (after HELLO); returns the next RESUMED or INVALID_SESSION frame. */
    public JsonNode resume(String accessToken, String sessionId, long lastSeq) {
        send("RESUME", Map.of("token", accessToken, "sessionId", sessionId, "lastSeq", lastSeq));
        return await(f -> f.path("op").asString().equals("RESUMED")
                || f.path("op").asString().equals("INVALID_SESSION"));
    }

    public WsClient heartbeat() {
        return send(heartbeatFrame());
    }

    private String heartbeatFrame() {
        long last = lastSeq();
        return "{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":" + (last == 0 ? "null" : last) + "}}";
    }

    public WsClient typing(Object channelId) {
        return send("TYPING", Map.of("channelId", channelId.toString()));
    }

    public WsClient activity() {
        return send("ACTIVITY", null);
    }

    public WsClient subscribePresence(List<?> userIds) {
        return send(
                "PRESENCE_SUBSCRIBE",
                Map.of("userIds", userIds.stream().map(Object::toString).toList()));
    }

    // ------------------------------------------------------------------ receiving

    /** Every frame so far, parsed. */
    public synchronized List<JsonNode> frames() {
        return frames.stream().map(JSON::readTree).toList();
    }

    /** Every EVENT so far, optionally of one type. */
    public List<JsonNode> events(String... types) {
        List<String> wanted = List.of(types);
        return frames().stream()
                .filter(f -> f.path("op").asString().equals("EVENT"))
                .filter(f -> wanted.isEmpty() || wanted.contains(f.path("t").asString()))
                .toList();
    }

    /** The ops of every frame so far, in order. */
    public List<String> opsOnly() {
        return frames().stream().map(f -> f.path("op").asString()).toList();
    }

    /** The highest {@code s} received (0 before the first sequenced event). */
    public long lastSeq() {
        return frames().stream().mapToLong(f -> f.path("s").asLong(0)).max().orElse(0);
    }

    public JsonNode awaitOp(String op) {
        return await(f -> f.path("op").asString().equals(op));
    }

    public JsonNode awaitEvent(String type, Predicate<JsonNode> matching) {
        return await(f -> f.path("op").asString().equals("EVENT")
                && f.path("t").asString().equals(type)
                && matching.test(f));
    }

    /** Waits (20 s at most) for the first frame, received so far or later, that matches. */
    public JsonNode await(Predicate<JsonNode> matching) {
        return await(matching, DEFAULT_WAIT)
                .orElseThrow(() -> new AssertionError("no matching frame within " + DEFAULT_WAIT.toSeconds()
                        + " s; received " + describe() + closedSuffix()));
    }

    public Optional<JsonNode> await(Predicate<JsonNode> matching, Duration wait) {
        return await(matching, wait, () -> false);
    }

    /** As {@link #await(Predicate, Duration)}, giving up early once {@code hopeless} holds. */
    private synchronized Optional<JsonNode> await(
            Predicate<JsonNode> matching, Duration wait, java.util.function.BooleanSupplier hopeless) {
        long deadline = System.nanoTime() + wait.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < frames.size(); checked++) {
                JsonNode frame = JSON.readTree(frames.get(checked));
                if (matching.test(frame)) {
                    return Optional.of(frame);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || hopeless.getAsBoolean()) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Waits (20 s at most) until at least {@code count} frames match; returns them. */
    public List<JsonNode> awaitCount(Predicate<JsonNode> matching, int count) {
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (true) {
            List<JsonNode> matches = frames().stream().filter(matching).toList();
            if (matches.size() >= count) {
                return matches;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + matches.size() + " of " + count + " matching frames; received "
                        + describe() + closedSuffix());
            }
            await(f -> false, Duration.ofMillis(50));
        }
    }

    /** Waits (20 s at most) for the server to close the socket. */
    public Closed awaitClose() {
        try {
            return closed.get(DEFAULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(
                    "socket not closed within " + DEFAULT_WAIT.toSeconds() + " s; received " + describe());
        }
    }

    public Optional<Closed> closeStatus() {
        return Optional.ofNullable(closed.getNow(null));
    }

    // ------------------------------------------------------------------ flow control

    /** Stops taking frames: the client's receive buffers fill and the server sees a client that never reads. */
    public synchronized WsClient stopReading() {
        reading = false;
        return this;
    }

    public synchronized WsClient startReading() {
        reading = true;
        if (demandPending) {
            demandPending = false;
            socket.request(1);
        }
        return this;
    }

    /** Drops the TCP connection without a close handshake (a network failure, a killed app). */
    public void abort() {
        stopHeartbeats();
        socket.abort();
        closed.complete(new Closed(1006, "aborted by the client"));
    }

    /** Closes normally (1000): the session ends. */
    @Override
    public void close() {
        stopHeartbeats();
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CompletionException e) {
                // already closing
            }
        }
        socket.abort();
    }

    /** The frames received, short: {@code op[:t][#s]} each (payloads can be large), the last 30 at most. */
    public String describe() {
        List<String> ops = frames().stream()
                .map(f -> f.path("op").asString()
                        + (f.has("t") ? ":" + f.path("t").asString() : "")
                        + (f.has("s") ? "#" + f.path("s").asLong() : ""))
                .toList();
        return ops.size() + " frames " + (ops.size() > 30 ? "…" + ops.subList(ops.size() - 30, ops.size()) : ops);
    }

    private String closedSuffix() {
        return closeStatus().map(c -> "; closed " + c.code() + " " + c.reason()).orElse("");
    }

    /**
     * Like every real client, the client sends HEARTBEAT at the interval HELLO announced, from the moment HELLO
     * arrives; this stops it (a client that went silent).
     */
    public WsClient stopHeartbeats() {
        heartbeating = false;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        return this;
    }

    private synchronized void received(String text) {
        frames.add(text);
        lastFrameNanos = System.nanoTime();
        notifyAll();
        if (heartbeats == null && text.startsWith("{\"op\":\"HELLO\"")) {
            long interval =
                    JSON.readTree(text).path("d").path("heartbeatIntervalMs").asLong(30_000);
            heartbeats = HEARTBEATS.scheduleAtFixedRate(
                    () -> {
                        if (heartbeating) {
                            sendHeartbeatOrGiveUp();
                        }
                    },
                    interval,
                    interval,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A heartbeat that cannot be written means the connection is gone, as for any client. The JDK's client does not
     * always tell its reader: when the server reset the connection of a client that was not reading, the frames the
     * client had buffered are still delivered but then nothing (no close, no error). So once a heartbeat failed and
     * the client, reading, has taken nothing for a moment, the socket counts as closed (1006).
     */
    private void sendHeartbeatOrGiveUp() {
        if (closed.isDone()) {
            return;
        }
        try {
            if (socket.isOutputClosed()) {
                throw new IllegalStateException("output closed without a close frame");
            }
            socket.sendText(heartbeatFrame(), true).get(HEARTBEAT_SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            stopHeartbeats();
            HEARTBEATS.schedule(() -> giveUpOnceIdle(failed), IDLE_BEFORE_GIVING_UP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void giveUpOnceIdle(Throwable failed) {
        if (closed.isDone()) {
            return;
        }
        boolean idle;
        synchronized (this) {
            idle = reading && System.nanoTime() - lastFrameNanos >= IDLE_BEFORE_GIVING_UP.toNanos();
        }
        if (!idle) {
            HEARTBEATS.schedule(() -> giveUpOnceIdle(failed), IDLE_BEFORE_GIVING_UP.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        socket.abort();
        closed.complete(new Closed(1006, "heartbeat not sent: " + failed));
        synchronized (this) {
            notifyAll();
        }
    }

    private synchronized void requestMore(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        } else {
            demandPending = true;
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            stopHeartbeats();
            closed.complete(new Closed(statusCode, reason));
            synchronized (WsClient.this) {
                WsClient.this.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            stopHeartbeats();
            closed.complete(new Closed(1006, String.valueOf(error)));
            synchronized (WsClient.this) {
                WsClient.this.notifyAll();
            }
        }
    }
}
