package dev.connectnow.realtime.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.realtime.RealtimeProperties;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.routing.MembershipSnapshot;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.socket.EngineFixture.FakeSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProtocolEngineTest {

    final EngineFixture engine = new EngineFixture();
    final UUID ada = UUID.randomUUID();

    void deliver(UUID user, String type, String payload) {
        engine.hub.deliver(List.copyOf(engine.hub.sessions().ofUser(user)), type, payload, engine.clock.instant());
    }

    String resume(String token, UUID sessionId, long lastSeq) {
        return "{\"op\":\"RESUME\",\"d\":{\"token\":\"" + token + "\",\"sessionId\":\"" + sessionId + "\",\"lastSeq\":"
                + lastSeq + "}}";
    }

    @Test
    void helloThenIdentifyGivesReadyAndAnnouncesTheSocket() {
        FakeSocket socket = engine.open("ws://gw/ws/resume/k1");
        assertThat(socket.opsReceived()).containsExactly("HELLO");
        assertThat(socket.frames().get(0).path("d").path("heartbeatIntervalMs").asLong())
                .isEqualTo(30_000);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        assertThat(socket.opsReceived()).containsExactly("HELLO", "READY");
        assertThat(socket.ready().path("userId").asString()).isEqualTo(ada.toString());
        assertThat(socket.ready().path("socketId").asString())
                .isEqualTo(socket.connection.socketId().toString());
        assertThat(socket.ready().path("resumeUrl").asString()).isEqualTo("ws://gw/ws/resume/k1");
        assertThat(engine.sent("socket.connected")).singleElement().satisfies(sent -> {
            assertThat(sent.key()).isEqualTo(ada.toString());
            assertThat(sent.data().path("socketId").asString())
                    .isEqualTo(socket.connection.socketId().toString());
            assertThat(sent.data().path("instanceId").asString()).isEqualTo("rt-test");
        });
        assertThat(engine.hub.liveSockets())
                .singleElement()
                .satisfies(live -> assertThat(live.userId()).isEqualTo(ada));
    }

    @Test
    void noIdentifyWithinTheDeadlineCloses4001() {
        FakeSocket socket = engine.open();
        engine.advance(Duration.ofSeconds(9));
        engine.hub.sweep();
        assertThat(socket.closeCode).isNull();
        engine.advance(Duration.ofSeconds(2));
        engine.hub.sweep();
        assertThat(socket.closeCode).isEqualTo(CloseCodes.NOT_AUTHENTICATED);
        assertThat(engine.sent("socket.disconnected")).isEmpty();
    }

    @Test
    void aSweepWhileASocketOpensLeavesItItsWholeDeadline() {
        FakeSocket identifying = engine.openWhile(engine.hub::sweep);
        FakeSocket silent = engine.openWhile(engine.hub::sweep);
        engine.advance(Duration.ofSeconds(9));
        engine.hub.sweep();
        assertThat(silent.closeCode).isNull();
        identifying.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        assertThat(identifying.opsReceived()).containsExactly("HELLO", "READY");
        engine.advance(Duration.ofSeconds(2));
        engine.hub.sweep();
        assertThat(silent.closeCode).isEqualTo(CloseCodes.NOT_AUTHENTICATED);
        assertThat(identifying.closeCode).isNull();
    }

    @Test
    void anInvalidTokenCloses4001AndAFrameBeforeIdentifyToo() {
        FakeSocket garbage = engine.open();
        garbage.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"garbage\"}}");
        assertThat(garbage.closeCode).isEqualTo(CloseCodes.NOT_AUTHENTICATED);
        FakeSocket eager = engine.open();
        eager.send("{\"op\":\"TYPING\",\"d\":{\"channelId\":\"" + UUID.randomUUID() + "\"}}");
        assertThat(eager.closeCode).isEqualTo(CloseCodes.NOT_AUTHENTICATED);
    }

    @Test
    void identifyingTwiceIsAPolicyViolation() {
        FakeSocket socket = engine.ready(ada);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        assertThat(socket.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
    }

    @Test
    void heartbeatsAreAcknowledgedAndSilenceCloses4000() {
        FakeSocket socket = engine.ready(ada);
        socket.send("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":null}}");
        assertThat(socket.opsReceived()).endsWith("HEARTBEAT_ACK");
        engine.advance(Duration.ofSeconds(59));
        engine.hub.sweep();
        assertThat(socket.closeCode).isNull();
        socket.send("{\"op\":\"HEARTBEAT\"}");
        engine.advance(Duration.ofSeconds(59));
        engine.hub.sweep();
        assertThat(socket.closeCode).isNull();
        engine.advance(Duration.ofSeconds(2));
        engine.hub.sweep();
        assertThat(socket.closeCode).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
        assertThat(engine.sent("socket.disconnected"))
                .singleElement()
                .satisfies(sent ->
                        assertThat(sent.data().path("closeCode").asInt()).isEqualTo(4000));
        // resumable: the session waits
        assertThat(engine.hub.sessions().ofUser(ada))
                .singleElement()
                .satisfies(s -> assertThat(s.isAttached()).isFalse());
    }

    @Test
    void moreThan120FramesPerMinuteClose4008() {
        FakeSocket socket = engine.ready(ada);
        for (int i = 0; i < 119; i++) {
            socket.send("{\"op\":\"HEARTBEAT\"}");
        }
        assertThat(socket.closeCode).isNull(); // IDENTIFY + 119 heartbeats = 120
        socket.send("{\"op\":\"HEARTBEAT\"}");
        assertThat(socket.closeCode).isEqualTo(CloseCodes.RATE_LIMITED);
    }

    @Test
    void binaryFramesClose1003AndMalformedFrames1008() {
        FakeSocket binary = engine.ready(ada);
        binary.connection.onBinary();
        assertThat(binary.closeCode).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
        FakeSocket malformed = engine.ready(ada);
        malformed.send("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":\"x\"}}");
        assertThat(malformed.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
    }

    @Test
    void eventsCarryASequenceWithoutGapsAndResumeReplaysExactlyTheMissedOnes() {
        FakeSocket socket = engine.open();
        String token = engine.token(ada);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        UUID sessionId = UUID.fromString(socket.ready().path("sessionId").asString());
        for (int i = 1; i <= 3; i++) {
            deliver(ada, "message.created", "{\"n\":" + i + "}");
        }
        assertThat(socket.events()).extracting(e -> e.path("s").asLong()).containsExactly(1L, 2L, 3L);
        socket.drop();
        for (int i = 4; i <= 200; i++) {
            deliver(ada, "message.created", "{\"n\":" + i + "}");
        }
        FakeSocket again = engine.open();
        again.send(resume(token, sessionId, 3));
        assertThat(again.events()).extracting(e -> e.path("s").asLong()).containsExactlyElementsOf(range(4, 200));
        assertThat(again.events())
                .extracting(e -> e.path("d").path("n").asInt())
                .startsWith(4, 5, 6);
        assertThat(again.opsReceived()).endsWith("RESUMED");
        deliver(ada, "message.created", "{\"n\":201}");
        assertThat(again.events().get(again.events().size() - 1).path("s").asLong())
                .isEqualTo(201);
        assertThat(engine.counter("connectnow.realtime.resumes", "outcome", "replayed"))
                .isEqualTo(1);
        assertThat(engine.counter("connectnow.realtime.events.replayed")).isEqualTo(197);
        assertThat(engine.sent("socket.connected")).hasSize(2);
    }

    static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void resumeBeyondTheWindowGetsInvalidSessionAndMayIdentifyOnTheSameSocket() {
        FakeSocket socket = engine.open();
        String token = engine.token(ada);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        UUID sessionId = UUID.fromString(socket.ready().path("sessionId").asString());
        socket.drop();
        engine.advance(Duration.ofMinutes(2).plusSeconds(1));
        engine.hub.sweep();
        assertThat(engine.hub.sessions().size()).isZero();
        FakeSocket again = engine.open();
        again.send(resume(token, sessionId, 0));
        assertThat(again.opsReceived()).containsExactly("HELLO", "INVALID_SESSION");
        assertThat(again.closeCode).isNull();
        again.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        assertThat(again.opsReceived()).containsExactly("HELLO", "INVALID_SESSION", "READY");
        assertThat(engine.counter("connectnow.realtime.resumes", "outcome", "invalid"))
                .isEqualTo(1);
    }

    @Test
    void resumeBeyondTheBufferGetsInvalidSession() {
        EngineFixture small =
                new EngineFixture(withReplay(new RealtimeProperties.Replay(10, 100_000, Duration.ofMinutes(2))));
        FakeSocket socket = small.open();
        String token = small.token(ada);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        UUID sessionId = UUID.fromString(socket.ready().path("sessionId").asString());
        socket.drop();
        for (int i = 0; i < 11; i++) {
            small.hub.deliver(List.copyOf(small.hub.sessions().ofUser(ada)), "message.created", "{}", Instant.now());
        }
        FakeSocket again = small.open();
        again.send(resume(token, sessionId, 0));
        assertThat(again.opsReceived()).containsExactly("HELLO", "INVALID_SESSION");
        FakeSocket third = small.open();
        third.send(resume(token, sessionId, 1));
        assertThat(third.events()).hasSize(10);
    }

    static RealtimeProperties withReplay(RealtimeProperties.Replay replay) {
        RealtimeProperties d = RealtimeProperties.defaults();
        return new RealtimeProperties(
                d.heartbeatInterval(),
                d.identifyTimeout(),
                d.maxFrameBytes(),
                d.inboundFrames(),
                d.inboundPeriod(),
                new RealtimeProperties.Outbound(replay.maxEvents(), replay.maxBytes(), 0),
                replay,
                d.typing(),
                d.activityCoalesce(),
                d.maxPresenceSubscriptions(),
                d.instanceHeartbeatInterval(),
                d.revocationMemory(),
                d.snapshotTimeout(),
                d.allowedOrigins());
    }

    @Test
    void aSessionCannotBeResumedByAnotherUserOrDevice() {
        FakeSocket socket = engine.ready(ada);
        UUID sessionId = UUID.fromString(socket.ready().path("sessionId").asString());
        socket.drop();
        FakeSocket mallory = engine.open();
        mallory.send(resume(engine.token(UUID.randomUUID()), sessionId, 0));
        assertThat(mallory.opsReceived()).containsExactly("HELLO", "INVALID_SESSION");
        FakeSocket otherDevice = engine.open();
        otherDevice.send(resume(engine.token(ada), sessionId, 0));
        assertThat(otherDevice.opsReceived()).containsExactly("HELLO", "INVALID_SESSION");
    }

    @Test
    void resumingALiveSessionClosesTheOldSocket4009() {
        FakeSocket socket = engine.open();
        String token = engine.token(ada);
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        UUID sessionId = UUID.fromString(socket.ready().path("sessionId").asString());
        deliver(ada, "message.created", "{}");
        FakeSocket again = engine.open();
        again.send(resume(token, sessionId, 1));
        assertThat(socket.closeCode).isEqualTo(CloseCodes.SESSION_INVALID);
        assertThat(again.opsReceived()).containsExactly("HELLO", "RESUMED");
        deliver(ada, "message.created", "{}");
        assertThat(again.events()).extracting(e -> e.path("s").asLong()).containsExactly(2L);
        assertThat(engine.hub.sessions().size()).isEqualTo(1);
    }

    @Test
    void aClientThatNeverReadsIsClosed4010AndResumesWithoutLoss() {
        UUID bob = UUID.randomUUID();
        FakeSocket reader = engine.ready(bob);
        FakeSocket slow = engine.open();
        String token = engine.token(ada);
        slow.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        UUID sessionId = UUID.fromString(slow.ready().path("sessionId").asString());
        slow.stopReading();
        for (int i = 1; i <= 400 && slow.closeCode == null; i++) {
            deliver(ada, "message.created", "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(3000) + "\"}");
            engine.hub.deliverEphemeral(
                    List.copyOf(engine.hub.sessions().ofUser(ada)), "typing.started", "{}", Instant.now());
            deliver(bob, "message.created", "{}");
        }
        assertThat(slow.closeCode).isEqualTo(CloseCodes.TOO_SLOW);
        assertThat(slow.connection.queuedFrames()).isZero(); // dropped with the socket
        assertThat(engine.counter("connectnow.realtime.frames.shed")).isPositive();
        assertThat(engine.counter("connectnow.realtime.closes", "code", "4010")).isEqualTo(1);
        // the reader was never held up
        assertThat(reader.closeCode).isNull();
        assertThat(reader.events()).isNotEmpty();
        long seen = slow.events().stream()
                .mapToLong(e -> e.path("s").asLong())
                .max()
                .orElse(0);
        long last = engine.hub.sessions().get(sessionId).lastSeq();
        FakeSocket again = engine.open();
        again.send(resume(token, sessionId, seen));
        assertThat(again.events())
                .extracting(e -> e.path("s").asLong())
                .containsExactlyElementsOf(range(seen + 1, last));
        assertThat(again.events())
                .allSatisfy(e -> assertThat(e.path("t").asString()).isEqualTo("message.created"));
    }

    @Test
    void aBanClosesEverySocketOfTheUser4003AndRefusesOlderTokens() {
        FakeSocket phone = engine.ready(ada);
        FakeSocket laptop = engine.ready(ada);
        String oldToken = engine.token(ada);
        engine.hub.userBanned(ada, engine.clock.instant());
        assertThat(phone.closeCode).isEqualTo(CloseCodes.REVOKED);
        assertThat(laptop.closeCode).isEqualTo(CloseCodes.REVOKED);
        assertThat(engine.hub.sessions().ofUser(ada)).isEmpty();
        assertThat(engine.hub.index().isPresent(ada)).isFalse();
        FakeSocket retry = engine.open();
        retry.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + oldToken + "\"}}");
        assertThat(retry.closeCode).isEqualTo(CloseCodes.REVOKED);
    }

    @Test
    void aRevokedSessionClosesOnlyItsOwnSockets() {
        UUID phoneSid = UUID.randomUUID();
        FakeSocket phone = engine.open();
        phone.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada, phoneSid) + "\"}}");
        FakeSocket laptop = engine.ready(ada);
        engine.hub.sessionRevoked(ada, phoneSid, engine.clock.instant());
        assertThat(phone.closeCode).isEqualTo(CloseCodes.REVOKED);
        assertThat(laptop.closeCode).isNull();
        FakeSocket retry = engine.open();
        retry.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada, phoneSid) + "\"}}");
        assertThat(retry.closeCode).isEqualTo(CloseCodes.REVOKED);
    }

    @Test
    void anUnavailableSnapshotCloses4013AndTheNextTryLoadsAgain() {
        engine.snapshots.put(ada, CompletableFuture.failedFuture(new IllegalStateException("503")));
        FakeSocket socket = engine.open();
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        assertThat(socket.closeCode).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
        engine.snapshots.remove(ada);
        assertThat(engine.ready(ada).closeCode).isNull();
    }

    @Test
    void aSocketClosedWhileItsSnapshotLoadsLeavesNothingBehind() {
        CompletableFuture<MembershipSnapshot> slowSnapshot = new CompletableFuture<>();
        engine.snapshots.put(ada, slowSnapshot);
        FakeSocket socket = engine.open();
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        socket.drop();
        slowSnapshot.complete(EngineFixture.emptySnapshot());
        assertThat(engine.hub.sessions().size()).isZero();
        assertThat(engine.hub.index().isPresent(ada)).isFalse();
        assertThat(engine.sent("socket.connected")).isEmpty();
    }

    @Test
    void aNormalCloseEndsTheSessionAndReportsTheDisconnect() {
        FakeSocket socket = engine.ready(ada);
        socket.connection.transportClosed(CloseCodes.NORMAL);
        assertThat(engine.hub.sessions().size()).isZero();
        assertThat(engine.sent("socket.disconnected"))
                .singleElement()
                .satisfies(sent ->
                        assertThat(sent.data().path("closeCode").asInt()).isEqualTo(1000));
    }

    @Test
    void typingIsCoalescedAndOnlyForMembersOfSmallChannels() {
        UUID workspace = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        UUID huge = UUID.randomUUID();
        engine.snapshot(
                ada,
                new MembershipSnapshot(
                        Set.of(workspace),
                        List.of(
                                new MembershipSnapshot.ChannelMembership(small, workspace, false, 3),
                                new MembershipSnapshot.ChannelMembership(huge, workspace, false, 501)),
                        Set.of()));
        FakeSocket socket = engine.ready(ada);
        String typing = "{\"op\":\"TYPING\",\"d\":{\"channelId\":\"%s\"}}";
        socket.send(typing.formatted(small));
        socket.send(typing.formatted(small));
        socket.send(typing.formatted(huge));
        socket.send(typing.formatted(UUID.randomUUID()));
        assertThat(engine.sent("typing.started")).singleElement().satisfies(sent -> {
            assertThat(sent.key()).isEqualTo(small.toString());
            assertThat(sent.data().path("workspaceId").asString()).isEqualTo(workspace.toString());
            assertThat(sent.data().path("userId").asString()).isEqualTo(ada.toString());
        });
        engine.advance(Duration.ofSeconds(3));
        socket.send(typing.formatted(small));
        assertThat(engine.sent("typing.started")).hasSize(2);
        assertThat(socket.closeCode).isNull();
    }

    @Test
    void activityIsCoalescedPerSocket() {
        FakeSocket socket = engine.ready(ada);
        socket.send("{\"op\":\"ACTIVITY\"}");
        socket.send("{\"op\":\"ACTIVITY\"}");
        assertThat(engine.sent("socket.activity")).hasSize(1);
        engine.advance(Duration.ofSeconds(30));
        socket.send("{\"op\":\"ACTIVITY\"}");
        assertThat(engine.sent("socket.activity")).hasSize(2);
        assertThat(engine.sent("socket.activity").get(0).key()).isEqualTo(ada.toString());
    }

    @Test
    void aClientAnsweringReadyTheMomentItArrivesIsNotRefused() throws Exception {
        // the client's first frame is read while the identify that queued READY is still finishing
        SocketConnection[] opened = new SocketConnection[1];
        Thread[] client = new Thread[1];
        Integer[] closedWith = new Integer[1];
        Transport answersAtOnce = new Transport() {
            @Override
            public void attach(SocketConnection connection) {
                opened[0] = connection;
            }

            @Override
            public void framesWaiting() {
                for (var frame = opened[0].nextFrame(); frame != null; frame = opened[0].nextFrame()) {
                    opened[0].written(frame);
                    if (frame.text().contains("\"READY\"")) {
                        client[0] = new Thread(() -> opened[0].onText("{\"op\":\"ACTIVITY\"}"));
                        client[0].start();
                        try {
                            client[0].join(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }

            @Override
            public void close(int code, String reason) {
                closedWith[0] = code;
                opened[0].transportClosed(code);
            }
        };
        engine.hub.open(answersAtOnce, null);

        opened[0].onText("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + engine.token(ada) + "\"}}");
        client[0].join(5000);

        assertThat(closedWith[0]).as("close code").isNull();
        assertThat(engine.sent("socket.activity"))
                .singleElement()
                .satisfies(sent -> assertThat(sent.key()).isEqualTo(ada.toString()));
    }

    @Test
    void gracefulShutdownCloses4012AndRefusesNewSockets() {
        FakeSocket socket = engine.ready(ada);
        engine.hub.shutdown();
        assertThat(socket.closeCode).isEqualTo(CloseCodes.SERVICE_RESTART);
        assertThat(engine.open().closeCode).isEqualTo(CloseCodes.SERVICE_RESTART);
        Session detached = engine.hub.sessions().ofUser(ada).iterator().next();
        assertThat(detached.isAttached()).isFalse();
    }
}
