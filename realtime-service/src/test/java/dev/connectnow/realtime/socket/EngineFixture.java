package dev.connectnow.realtime.socket;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.realtime.RealtimeProperties;
import dev.connectnow.realtime.connection.ConnectionEventPublisher;
import dev.connectnow.realtime.routing.MembershipSnapshot;
import dev.connectnow.realtime.routing.RoutingIndex;
import dev.connectnow.realtime.session.Revocations;
import dev.connectnow.realtime.session.SessionRegistry;
import dev.connectnow.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol engine without a network: sockets are {@link FakeSocket}s that either read everything at once
 * or never read, time moves only when a test says so, tokens and snapshots are whatever the test registered,
 * and every record the engine would send to Kafka is kept.
 */
public final class EngineFixture {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final EventJson EVENT_JSON = new EventJson(JSON);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    public final Map<String, TokenVerifier.VerifiedToken> tokens = new ConcurrentHashMap<>();
    public final Map<UUID, CompletableFuture<MembershipSnapshot>> snapshots = new ConcurrentHashMap<>();
    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final RealtimeProperties properties;
    public final SocketHub hub;

    public record Sent(String topic, String key, JsonNode envelope) {

        public String type() {
            return envelope.path("type").asString();
        }

        public JsonNode data() {
            return envelope.path("data");
        }
    }

    public EngineFixture() {
        this(RealtimeProperties.defaults());
    }

    public EngineFixture(RealtimeProperties properties) {
        this.properties = properties;
        ConnectionEventPublisher publisher = new ConnectionEventPublisher(
                (topic, key, json) -> sent.add(new Sent(topic, key, JSON.readTree(json))),
                EVENT_JSON,
                clock,
                "rt-test");
        hub = new SocketHub(
                properties,
                clock,
                nanos::get,
                token -> {
                    TokenVerifier.VerifiedToken verified = tokens.get(token);
                    if (verified == null) {
                        throw new TokenVerifier.InvalidTokenException("unknown token");
                    }
                    return verified;
                },
                (userId, token) ->
                        snapshots.computeIfAbsent(userId, id -> CompletableFuture.completedFuture(emptySnapshot())),
                new RoutingIndex(),
                new SessionRegistry(),
                new Revocations(properties.revocationMemory()),
                publisher,
                new RealtimeMetrics(meters),
                Runnable::run);
        hub.startAccepting();
    }

    public static MembershipSnapshot emptySnapshot() {
        return new MembershipSnapshot(Set.of(), List.of(), Set.of());
    }

    /** A token for a user (a fresh device session id) that the fake verifier accepts. */
    public String token(UUID userId) {
        return token(userId, UUID.randomUUID());
    }

    public String token(UUID userId, UUID sid) {
        String token = "token-" + UUID.randomUUID();
        tokens.put(
                token,
                new TokenVerifier.VerifiedToken(
                        userId, sid, clock.instant(), clock.instant().plusSeconds(900)));
        return token;
    }

    public void snapshot(UUID userId, MembershipSnapshot snapshot) {
        snapshots.put(userId, CompletableFuture.completedFuture(snapshot));
    }

    public FakeSocket open() {
        return open(null);
    }

    public FakeSocket open(String resumeUrl) {
        FakeSocket socket = new FakeSocket();
        hub.open(socket, resumeUrl);
        return socket;
    }

    /** Opens a socket while {@code elsewhere} runs on another thread's behalf, in the middle of the opening. */
    public FakeSocket openWhile(Runnable elsewhere) {
        FakeSocket socket = new FakeSocket();
        socket.whileAttaching = elsewhere;
        hub.open(socket, null);
        return socket;
    }

    /** A socket that identified as the user and got READY. */
    public FakeSocket ready(UUID userId) {
        FakeSocket socket = open("ws://localhost/ws/resume/k1");
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token(userId) + "\"}}");
        if (!socket.opsReceived().contains("READY")) {
            throw new AssertionError("no READY: " + socket.received + " closed " + socket.closeCode);
        }
        return socket;
    }

    public void advance(Duration duration) {
        clock.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    public List<Sent> sent(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).toList();
    }

    public double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A socket whose client either reads every frame at once or, after {@link #stopReading()}, none. */
    public static final class FakeSocket implements Transport {

        public SocketConnection connection;
        public final List<String> received = new ArrayList<>();
        public volatile boolean reading = true;
        public volatile Integer closeCode;
        public volatile String closeReason;
        private volatile Consumer<String> onReceived = frame -> {};
        private Runnable whileAttaching = () -> {};

        @Override
        public void attach(SocketConnection connection) {
            this.connection = connection;
            whileAttaching.run();
        }

        @Override
        public synchronized void framesWaiting() {
            if (reading) {
                drain();
            }
        }

        private void drain() {
            for (var frame = connection.nextFrame(); frame != null; frame = connection.nextFrame()) {
                received.add(frame.text());
                connection.written(frame);
                onReceived.accept(frame.text());
            }
        }

        /** Runs each time the client has received a frame, on the thread that wrote it to the socket. */
        public void onReceived(Consumer<String> action) {
            this.onReceived = action;
        }

        @Override
        public void close(int code, String reason) {
            if (closeCode == null) {
                closeCode = code;
                closeReason = reason;
                connection.transportClosed(code);
            }
        }

        public void send(String text) {
            connection.onText(text);
        }

        public void stopReading() {
            reading = false;
        }

        public synchronized void startReading() {
            reading = true;
            drain();
        }

        /** The client went away without a close frame. */
        public void drop() {
            if (closeCode == null) {
                closeCode = 1006;
                connection.transportClosed(1006);
            }
        }

        public synchronized List<JsonNode> frames() {
            return received.stream().map(JSON::readTree).toList();
        }

        public List<String> opsReceived() {
            return frames().stream().map(f -> f.path("op").asString()).toList();
        }

        public List<JsonNode> events() {
            return frames().stream()
                    .filter(f -> f.path("op").asString().equals("EVENT"))
                    .toList();
        }

        public List<JsonNode> events(String type) {
            return events().stream()
                    .filter(f -> f.path("t").asString().equals(type))
                    .toList();
        }

        public JsonNode ready() {
            return frames().stream()
                    .filter(f -> f.path("op").asString().equals("READY"))
                    .findFirst()
                    .orElseThrow()
                    .path("d");
        }
    }
}
