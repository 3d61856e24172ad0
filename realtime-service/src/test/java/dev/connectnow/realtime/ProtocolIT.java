package dev.connectnow.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.events.Topics;
import dev.connectnow.realtime.support.RawWebSocket;
import dev.connectnow.realtime.support.RealtimeIntegrationTest;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.TestTokens;
import dev.connectnow.testkit.WsClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The protocol over real sockets: every op, every close code, the deadlines and the limits (S14, S15, S19). */
@ExtendWith(OutputCaptureExtension.class)
class ProtocolIT extends RealtimeIntegrationTest {

    @Autowired
    private RealtimeProperties properties;

    @Test
    void helloIdentifyReadyAndTheSocketIsAnnounced() {
        UUID ada = newId();
        try (EventCollector connections = new EventCollector(Topics.CONNECTION);
                WsClient client = connect()) {
            JsonNode hello = client.awaitOp("HELLO");
            assertThat(hello.path("d").path("heartbeatIntervalMs").asLong()).isEqualTo(2000);
            JsonNode ready = client.identify(TestTokens.accessToken(ada));
            assertThat(ready.path("userId").asString()).isEqualTo(ada.toString());
            assertThat(UUID.fromString(ready.path("sessionId").asString())).isNotNull();
            String socketId = ready.path("socketId").asString();
            assertThat(ready.path("resumeUrl").asString())
                    .matches("ws://127\\.0\\.0\\.1:" + port + "/ws/resume/[a-z2-7]{12}");
            client.heartbeat();
            client.awaitOp("HEARTBEAT_ACK");
            assertThat(connections.await(r -> r.is("socket.connected", socketId), 1, Duration.ofSeconds(20)))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.key()).isEqualTo(ada.toString());
                        assertThat(r.data().path("userId").asString()).isEqualTo(ada.toString());
                    });
            assertThat(connections.await(
                            r -> r.type().equals("realtime.instance.heartbeat")
                                    && r.data().path("sockets").toString().contains(socketId),
                            1,
                            Duration.ofSeconds(20)))
                    .isNotEmpty();
            client.close();
            assertThat(connections.await(r -> r.is("socket.disconnected", socketId), 1, Duration.ofSeconds(20)))
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r.data().path("closeCode").asInt()).isEqualTo(1000));
        }
    }

    @Test
    void noIdentifyWithinTheDeadlineCloses4001() {
        try (WsClient client = connect()) {
            assertThat(client.awaitClose().code()).isEqualTo(4001);
            assertThat(client.opsOnly()).startsWith("HELLO").doesNotContain("READY");
        }
    }

    @Test
    void garbageExpiredOrForeignTokensClose4001() {
        UUID ada = newId();
        for (String token : new String[] {
            "garbage",
            TestTokens.shared()
                    .builder(ada)
                    .expiresAt(Instant.now().minusSeconds(120))
                    .sign(),
            TestTokens.shared().builder(ada).issuer("evil").sign(),
            TestTokens.shared().builder(ada).audience("another-app").sign()
        }) {
            try (WsClient client = connect()) {
                client.send("IDENTIFY", Map.of("token", token));
                assertThat(client.awaitClose().code()).as(token).isEqualTo(4001);
                assertThat(client.opsOnly()).doesNotContain("READY");
            }
        }
    }

    @Test
    void aTokenInTheUrlIsNeverAccepted() {
        String token = TestTokens.accessToken(newId());
        for (String query : new String[] {"?token=", "?access_token=", "?Authorization=Bearer%20"}) {
            assertThatThrownBy(() -> WsClient.connect(URI.create(ws() + query + token)))
                    .isInstanceOfSatisfying(
                            WsClient.HandshakeRefused.class,
                            refused -> assertThat(refused.status()).isEqualTo(400));
        }
    }

    @Test
    void aForeignOriginIsRefusedAnAllowedOneAndNoneAreServed() {
        assertThatThrownBy(() -> connect(Map.of("Origin", "https://evil.example")))
                .isInstanceOfSatisfying(
                        WsClient.HandshakeRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(403));
        try (WsClient browser = connect(Map.of("Origin", "http://localhost:5173"))) {
            assertThat(browser.identify(TestTokens.accessToken(newId()))
                            .path("userId")
                            .isString())
                    .isTrue();
        }
        // what the gateway's WebSocket client sends upstream for a client without an Origin: this instance itself
        try (WsClient viaGateway = connect(Map.of("Origin", "http://127.0.0.1:" + port))) {
            assertThat(viaGateway
                            .identify(TestTokens.accessToken(newId()))
                            .path("userId")
                            .isString())
                    .isTrue();
        }
        assertThatThrownBy(() -> connect(Map.of("Origin", "http://127.0.0.1:" + (port + 1))))
                .isInstanceOfSatisfying(
                        WsClient.HandshakeRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void anUpgradeOtherThanVersion13IsRefused426WithTheVersionToUse() {
        for (String[] version : new String[][] {{}, {"Sec-WebSocket-Version: 8"}, {"Sec-WebSocket-Version: abc"}}) {
            String[] lines = Stream.concat(Stream.of(RawWebSocket.keyHeader()), Stream.of(version))
                    .toArray(String[]::new);
            RawWebSocket.Answer answer = RawWebSocket.upgrade(port, lines);
            assertThat(answer.status()).as(String.join(", ", lines)).isEqualTo(426);
            assertThat(answer.head()).as(String.join(", ", lines)).containsIgnoringCase("Sec-WebSocket-Version: 13");
            assertThat(answer.body()).as(String.join(", ", lines)).contains("version 13");
        }
        assertThat(RawWebSocket.upgrade(port, RawWebSocket.keyHeader(), "Sec-WebSocket-Version: 13")
                        .status())
                .isEqualTo(101);
    }

    @Test
    void anUpgradeWithoutAKeyIsRefused400() {
        RawWebSocket.Answer answer = RawWebSocket.upgrade(port, "Sec-WebSocket-Version: 13");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Sec-WebSocket-Key");
    }

    @Test
    void aFrameOverFourKilobytesCloses1009() {
        try (WsClient client = identified(newId())) {
            client.send("{\"op\":\"HEARTBEAT\",\"pad\":\"" + "x".repeat(4200) + "\"}");
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void aFloodOfFramesCloses4008AndOthersAreUnaffected() {
        try (WsClient flooder = identified(newId());
                WsClient bystander = identified(newId())) {
            // IDENTIFY counted as the first frame, so as many frames again as the limit allows are one over it (and
            // no more: frames written after the server's close can reset the connection before the client reads
            // the close frame, and it would see 1006 instead of 4008)
            int limit = properties.inboundFrames();
            for (int i = 0; i < limit && flooder.closeStatus().isEmpty(); i++) {
                flooder.send("ACTIVITY", null);
            }
            assertThat(flooder.awaitClose().code()).isEqualTo(4008);
            bystander.heartbeat();
            assertThat(bystander.awaitCount(f -> f.path("op").asString().equals("HEARTBEAT_ACK"), 1))
                    .isNotEmpty();
            assertThat(bystander.closeStatus()).isEmpty();
        }
    }

    @Test
    void malformedFramesAndUnknownOpsClose1008() {
        for (String frame : new String[] {
            "not json",
            "{\"op\":\"SHUTDOWN\"}",
            "{\"op\":\"TYPING\",\"d\":{}}",
            // a member named twice: a reader taking the last would see a HEARTBEAT
            "{\"op\":\"SHUTDOWN\",\"op\":\"HEARTBEAT\"}"
        }) {
            try (WsClient client = identified(newId())) {
                client.send(frame);
                assertThat(client.awaitClose().code()).as(frame).isEqualTo(1008);
            }
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8Closes1007AndNonAsciiTextIsRead() {
        byte[] heartbeat = utf8("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":null},\"note\":\"");
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            assertThat(ws.nextText()).contains("\"HELLO\"");
            ws.sendText(concat(heartbeat, utf8("é 😀\"}")));
            assertThat(ws.nextText()).contains("\"HEARTBEAT_ACK\"");
        }
        byte[][] notUtf8 = {
            {(byte) 0xC0, (byte) 0xAF}, // "/" encoded in two bytes (overlong)
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a lone surrogate, CESU-8 style
            {(byte) 0xFF},
            {(byte) 0xE2, (byte) 0x82} // cut short
        };
        for (byte[] bytes : notUtf8) {
            try (RawWebSocket ws = RawWebSocket.open(port)) {
                ws.sendText(concat(heartbeat, bytes, utf8("\"}")));
                assertThat(ws.awaitCloseCode())
                        .as(HexFormat.of().formatHex(bytes))
                        .isEqualTo(1007);
            }
        }
    }

    @Test
    void aFrameBreakingTheFramingClosesWithProtocolError() {
        byte[] heartbeat = utf8("{\"op\":\"HEARTBEAT\"}");
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            ws.send(RawWebSocket.TEXT, 0b100, heartbeat, true); // RSV1 with no extension negotiated
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            ws.send(RawWebSocket.TEXT, 0, heartbeat, false); // a client's frame must be masked
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            ws.send(0x3, 0, heartbeat, true); // a reserved opcode
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void aFragmentedMessageIsReadAsOneAndOverTheLimitCloses1009(CapturedOutput output) {
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            assertThat(ws.nextText()).contains("\"HELLO\"");
            ws.sendFragment(RawWebSocket.TEXT, false, utf8("{\"op\":\"HEART"));
            ws.sendFragment(RawWebSocket.CONTINUATION, true, utf8("BEAT\"}"));
            assertThat(ws.nextText()).contains("\"HEARTBEAT_ACK\"");
        }
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            // three fragments of 2,000 bytes, each under the frame limit, together over it
            ws.sendFragment(RawWebSocket.TEXT, false, utf8("{\"op\":\"HEARTBEAT\",\"x\":\"" + "a".repeat(1980)));
            ws.sendFragment(RawWebSocket.CONTINUATION, false, utf8("a".repeat(2000)));
            ws.sendFragment(RawWebSocket.CONTINUATION, true, utf8("a".repeat(2000) + "\"}"));
            assertThat(ws.awaitCloseCode()).isEqualTo(1009);
        }
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            assertThat(ws.nextText()).contains("\"HELLO\"");
            ws.sendFragment(RawWebSocket.TEXT, false, utf8("{\"op\":\"HEART"));
            ws.send(RawWebSocket.CLOSE, 0, new byte[] {0x03, (byte) 0xe8}, true); // 1000, between two fragments
            assertThat(ws.awaitCloseCode()).isEqualTo(1000);
        }
        // the socket that left in the middle of its message: gone from the hub, and no stack trace for it (the hub can
        // let go of it before the aggregator reports, so ClientLeftMidMessageTest is what fails without the handler)
        Await.until("every raw socket is closed", () -> hub.connectionCount() == 0);
        assertThat(output.getAll())
                .doesNotContain("PrematureChannelClosureException")
                .doesNotContain(" ERROR ");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void anyOpBeforeIdentifyCloses4001() {
        try (WsClient client = connect()) {
            client.typing(newId());
            assertThat(client.awaitClose().code()).isEqualTo(4001);
        }
    }

    @Test
    void aSilentSocketIsClosedAfterTwoHeartbeatIntervals() {
        try (WsClient client = identified(newId())) {
            client.stopHeartbeats();
            WsClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(4000);
        }
    }
}
