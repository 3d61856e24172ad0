package dev.connectnow.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.realtime.RealtimeProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientFrameParserTest {

    final ClientFrameParser parser = new ClientFrameParser(3);
    final UUID id = UUID.randomUUID();

    @Test
    void parsesEveryClientOp() {
        assertThat(parser.parse("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"abc\"}}"))
                .isEqualTo(new ClientFrame.Identify("abc"));
        assertThat(parser.parse("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":7}}"))
                .isEqualTo(new ClientFrame.Heartbeat(7L));
        assertThat(parser.parse("{\"op\":\"HEARTBEAT\"}")).isEqualTo(new ClientFrame.Heartbeat(null));
        assertThat(parser.parse("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":null}}"))
                .isEqualTo(new ClientFrame.Heartbeat(null));
        assertThat(parser.parse(
                        "{\"op\":\"RESUME\",\"d\":{\"token\":\"t\",\"sessionId\":\"" + id + "\",\"lastSeq\":0}}"))
                .isEqualTo(new ClientFrame.Resume("t", id, 0));
        assertThat(parser.parse("{\"op\":\"TYPING\",\"d\":{\"channelId\":\"" + id + "\"}}"))
                .isEqualTo(new ClientFrame.Typing(id));
        assertThat(parser.parse("{\"op\":\"ACTIVITY\"}")).isEqualTo(new ClientFrame.Activity());
        assertThat(parser.parse("{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":[\"" + id + "\",\"" + id + "\"]}}"))
                .isEqualTo(new ClientFrame.PresenceSubscribe(java.util.List.of(id)));
    }

    @Test
    void unknownMembersAreIgnored() {
        assertThat(parser.parse("{\"op\":\"ACTIVITY\",\"d\":{\"future\":1},\"x\":true}"))
                .isEqualTo(new ClientFrame.Activity());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[1,2]",
                "\"IDENTIFY\"",
                "{}",
                "{\"op\":5}",
                "{\"op\":\"READY\"}",
                "{\"op\":\"EVENT\",\"d\":{}}",
                "{\"op\":\"NOPE\"}",
                "{\"op\":\"IDENTIFY\"}",
                "{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"\"}}",
                "{\"op\":\"IDENTIFY\",\"d\":{\"token\":42}}",
                "{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":-1}}",
                "{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":\"3\"}}",
                "{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":1.5}}",
                "{\"op\":\"RESUME\",\"d\":{\"token\":\"t\",\"sessionId\":\"x\",\"lastSeq\":0}}",
                "{\"op\":\"RESUME\",\"d\":{\"token\":\"t\",\"lastSeq\":0}}",
                "{\"op\":\"TYPING\",\"d\":{\"channelId\":\"123e4567-e89b-12d3-a456-42661417400\"}}",
                "{\"op\":\"TYPING\",\"d\":{}}",
                "{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":\"a\"}}",
                "{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":[1]}}"
            })
    void malformedFramesArePolicyViolations(String text) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(ProtocolViolation.class)
                .satisfies(e -> assertThat(((ProtocolViolation) e).closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION));
    }

    @Test
    void presenceSubscriptionIsBounded() {
        String four = "[\"" + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\",\""
                + UUID.randomUUID() + "\"]";
        assertThatThrownBy(() -> parser.parse("{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":" + four + "}}"))
                .isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining("more than 3");
    }

    @Test
    void theMostUsersASubscriptionMayNameFitInOneFrame() {
        RealtimeProperties defaults = RealtimeProperties.defaults();
        int most = defaults.maxPresenceSubscriptions();
        List<String> ids = Stream.generate(() -> '"' + UUID.randomUUID().toString() + '"')
                .limit(most)
                .toList();
        String frame = "{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":[" + String.join(",", ids) + "]}}";

        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(ClientFrameParser.presenceSubscribeBytes(most));
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(defaults.maxFrameBytes());
        assertThat(new ClientFrameParser(most).parse(frame))
                .isEqualTo(new ClientFrame.PresenceSubscribe(ids.stream()
                        .map(id -> UUID.fromString(id.substring(1, 37)))
                        .toList()));
        // a bound the frame limit would cut first (200 ids are ~7.8 KB: a 1009 where 1008 was promised)
        assertThatThrownBy(() -> new RealtimeProperties(
                        defaults.heartbeatInterval(),
                        defaults.identifyTimeout(),
                        defaults.maxFrameBytes(),
                        defaults.inboundFrames(),
                        defaults.inboundPeriod(),
                        defaults.outbound(),
                        defaults.replay(),
                        defaults.typing(),
                        defaults.activityCoalesce(),
                        200,
                        defaults.instanceHeartbeatInterval(),
                        defaults.revocationMemory(),
                        defaults.snapshotTimeout(),
                        defaults.allowedOrigins()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-presence-subscriptions");
    }

    @Test
    void closeCodesSayWhichLeaveTheSessionResumable() {
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.TOO_SLOW)).isTrue();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.HEARTBEAT_TIMEOUT))
                .isTrue();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.RATE_LIMITED)).isTrue();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.SERVICE_RESTART))
                .isTrue();
        assertThat(CloseCodes.leavesSessionResumable(1006)).isTrue();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.NORMAL)).isFalse();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.REVOKED)).isFalse();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.NOT_AUTHENTICATED))
                .isFalse();
        assertThat(CloseCodes.leavesSessionResumable(CloseCodes.SESSION_INVALID))
                .isFalse();
    }

    @Test
    void serverFramesSpliceThePayload() {
        assertThat(ServerFrames.event(3, "message.created", "{\"id\":1}"))
                .isEqualTo("{\"op\":\"EVENT\",\"s\":3,\"t\":\"message.created\",\"d\":{\"id\":1}}");
        assertThat(ServerFrames.ephemeralEvent("typing.started", "{}"))
                .isEqualTo("{\"op\":\"EVENT\",\"t\":\"typing.started\",\"d\":{}}");
        assertThat(ServerFrames.ready(id, id, id, null)).doesNotContain("resumeUrl");
        assertThat(ServerFrames.ready(id, id, id, "ws://h/ws/resume/k"))
                .contains("\"resumeUrl\":\"ws://h/ws/resume/k\"");
        assertThat(ServerFrames.hello(30000)).isEqualTo("{\"op\":\"HELLO\",\"d\":{\"heartbeatIntervalMs\":30000}}");
    }
}
