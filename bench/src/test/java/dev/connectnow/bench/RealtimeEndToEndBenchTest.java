package dev.connectnow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RealtimeEndToEndBenchTest {

    @Test
    void theEventIdIsTheIdOfTheEventsPayloadNotOfAnythingNestedInIt() {
        String frame = "{\"op\":\"EVENT\",\"s\":7,\"meta\":{\"id\":\"not-this\"},\"t\":\"message.created\","
                + "\"d\":{\"author\":{\"id\":\"nor-this\"},\"mentions\":[{\"id\":\"x\"}],\"seq\":3,"
                + "\"id\":\"01a237e3-fed4-7255-a905-c3e6b3e0bfb6\",\"content\":\"rtbench:R:1:2: hi\"}}";

        assertThat(RealtimeEndToEndBench.eventId(frame)).isEqualTo("01a237e3-fed4-7255-a905-c3e6b3e0bfb6");
    }

    @Test
    void aFrameWithoutAPayloadIdHasNone() {
        assertThat(RealtimeEndToEndBench.eventId("{\"op\":\"EVENT\",\"s\":1,\"d\":{\"seq\":1}}"))
                .isNull();
        assertThat(RealtimeEndToEndBench.eventId("{\"op\":\"HEARTBEAT_ACK\"}")).isNull();
    }
}
