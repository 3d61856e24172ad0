package dev.connectnow.realtime;

import static dev.connectnow.realtime.support.Payloads.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.Topics;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.support.OwningServices.Membership;
import dev.connectnow.realtime.support.RealtimeIntegrationTest;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestTokens;
import dev.connectnow.testkit.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * RESUME inside and beyond the window and the buffer (R7), and backpressure with a client that never reads
 * (R12): its queue stays bounded, typing is shed first, it is closed 4010, the others are unaffected, and it
 * resumes without loss.
 */
class ResumeIT extends RealtimeIntegrationTest {

    final UUID workspace = newId();
    final UUID channel = newId();

    UUID member() {
        UUID user = newId();
        OWNERS.member(user, workspace, new Membership(channel, workspace, false, 3));
        return user;
    }

    void post(int from, int to, String pad) {
        TestEvents.sendAll(LongStream.rangeClosed(from, to)
                .mapToObj(i -> envelope(MessageEvents.CREATED, message(channel, workspace, newId(), i, "m" + i + pad)))
                .toList());
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aDroppedSocketResumesWithExactlyTheMissedEventsInOrder() {
        UUID ada = member();
        String token = TestTokens.accessToken(ada);
        WsClient first = connect();
        JsonNode ready = first.identify(token);
        String sessionId = ready.path("sessionId").asString();
        post(1, 3, "");
        first.awaitEvent(
                "message.created", e -> e.path("d").path("content").asString().equals("m3"));
        long lastSeq = first.lastSeq();
        first.abort();
        try (WsClient watcher = identified(member())) {
            post(4, 203, "");
            watcher.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().equals("m203"));
        }
        try (WsClient again = WsClient.connect(URI(ready))) {
            JsonNode resumed = again.resume(token, sessionId, lastSeq);
            assertThat(resumed.path("op").asString()).isEqualTo("RESUMED");
            List<JsonNode> replayed = again.events("message.created");
            assertThat(replayed).extracting(e -> e.path("s").asLong()).containsExactlyElementsOf(range(4, 203));
            assertThat(replayed)
                    .extracting(e -> e.path("d").path("content").asString())
                    .containsExactlyElementsOf(
                            range(4, 203).stream().map(i -> "m" + i).toList());
            post(204, 204, "");
            assertThat(again.awaitEvent("message.created", e -> e.path("s").asLong() == 204)
                            .path("d")
                            .path("content")
                            .asString())
                    .isEqualTo("m204");
        }
        assertThat(counter("connectnow.realtime.resumes", "outcome", "replayed"))
                .isPositive();
    }

    /** The resume URL READY gave (this instance); the client connects there for RESUME. */
    static java.net.URI URI(JsonNode ready) {
        return java.net.URI.create(ready.path("resumeUrl").asString());
    }

    @Test
    void beyondTheBufferTheResumeIsInvalidAndTheSocketMayIdentify() {
        UUID ada = member();
        String token = TestTokens.accessToken(ada);
        WsClient first = connect();
        JsonNode ready = first.identify(token);
        first.abort();
        try (WsClient watcher = identified(member())) {
            post(1, 301, ""); // the buffer keeps 300
            watcher.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().equals("m301"));
        }
        try (WsClient again = WsClient.connect(URI(ready))) {
            assertThat(again.resume(token, ready.path("sessionId").asString(), 0)
                            .path("op")
                            .asString())
                    .isEqualTo("INVALID_SESSION");
            assertThat(again.identify(token).path("userId").asString()).isEqualTo(ada.toString());
        }
    }

    @Test
    void beyondTheWindowTheResumeIsInvalid() {
        UUID ada = member();
        String token = TestTokens.accessToken(ada);
        WsClient first = connect();
        JsonNode ready = first.identify(token);
        UUID sessionId = UUID.fromString(ready.path("sessionId").asString());
        first.abort();
        // READY can reach the client before the session is registered: wait for the detached session first
        Await.until("the session is detached", () -> {
            Session session = hub.sessions().get(sessionId);
            return session != null && !session.isAttached();
        });
        Await.until(
                "the detached session is forgotten (window: 6 s)",
                () -> hub.sessions().get(sessionId) == null);
        try (WsClient again = WsClient.connect(URI(ready))) {
            assertThat(again.resume(token, sessionId.toString(), 0).path("op").asString())
                    .isEqualTo("INVALID_SESSION");
        }
        assertThat(counter("connectnow.realtime.resumes", "outcome", "invalid")).isPositive();
    }

    @Test
    void aClientThatNeverReadsIsClosed4010WithoutHurtingOthersAndKeepsAGaplessPrefix() {
        UUID slowUser = member();
        UUID fastUser = member();
        String token = TestTokens.accessToken(slowUser);
        String pad = "x".repeat(8 * 1024);
        try (EventCollector connections = new EventCollector(Topics.CONNECTION);
                WsClient slow = connect();
                WsClient fast = identified(fastUser)) {
            JsonNode ready = slow.identify(token);
            double closedBefore = counter("connectnow.realtime.closes", "code", "4010");
            slow.stopReading();
            int posted = 0;
            while (counter("connectnow.realtime.closes", "code", "4010") == closedBefore && posted < 6000) {
                post(posted + 1, posted + 200, pad);
                posted += 200;
                // the whole batch is routed before the next: what follows the 4010 (the rest of one batch, the
                // socket's queue and what its buffers held) must fit the replay buffer (300)
                String lastOfBatch = "m" + posted + "x";
                fast.awaitEvent(
                        "message.created",
                        e -> e.path("d").path("content").asString().startsWith(lastOfBatch));
            }
            assertThat(counter("connectnow.realtime.closes", "code", "4010")).isGreaterThan(closedBefore);
            int last = posted;
            // the slow client catches up on what reached it — a gapless prefix — and resumes for the rest at once:
            // its session waits 6 s here (the replay window), which the checks of the others can take on a busy
            // machine
            slow.startReading();
            Await.until(
                    "the slow socket sees its close", () -> slow.closeStatus().isPresent());
            long seen = slow.lastSeq();
            assertThat(slow.events()).extracting(e -> e.path("s").asLong()).containsExactlyElementsOf(range(1, seen));
            assertThat(seen)
                    .as("the stuck socket was closed before it got everything")
                    .isLessThan(posted);
            try (WsClient resumed = WsClient.connect(URI(ready))) {
                JsonNode answer = resumed.resume(token, ready.path("sessionId").asString(), seen);
                assertThat(answer.path("op").asString()).as(resumed.describe()).isEqualTo("RESUMED");
                resumed.awaitEvent(
                        "message.created",
                        e -> e.path("d").path("content").asString().startsWith("m" + last + "x"));
                assertThat(resumed.events("message.created"))
                        .extracting(e -> e.path("s").asLong())
                        .containsExactlyElementsOf(range(seen + 1, posted));
            }
            String socketId = ready.path("socketId").asString();
            assertThat(connections.await(r -> r.is("socket.disconnected", socketId), 1, Duration.ofSeconds(20)))
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r.data().path("closeCode").asInt()).isEqualTo(4010));
            // the reader got every event, in order, while the other socket was stuck
            fast.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().startsWith("m" + last + "x"));
            assertThat(fast.events("message.created"))
                    .extracting(e -> e.path("s").asLong())
                    .containsExactlyElementsOf(range(1, posted));
        }
    }
}
