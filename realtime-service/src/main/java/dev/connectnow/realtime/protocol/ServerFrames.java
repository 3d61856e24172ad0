package dev.connectnow.realtime.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames the server sends, as JSON text. An event's payload ({@code d}) is serialized once per Kafka
 * record and spliced into each recipient's frame, so fanning an event out costs one string concatenation per
 * socket, not one serialization.
 */
public final class ServerFrames {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final String HEARTBEAT_ACK = "{\"op\":\"HEARTBEAT_ACK\"}";
    public static final String RESUMED = "{\"op\":\"RESUMED\"}";
    public static final String INVALID_SESSION = "{\"op\":\"INVALID_SESSION\"}";

    public static String hello(long heartbeatIntervalMs) {
        return "{\"op\":\"HELLO\",\"d\":{\"heartbeatIntervalMs\":" + heartbeatIntervalMs + "}}";
    }

    /** {@code resumeUrl} is left out when null. */
    public static String ready(UUID sessionId, UUID socketId, UUID userId, String resumeUrl) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sessionId", sessionId.toString());
        d.put("socketId", socketId.toString());
        d.put("userId", userId.toString());
        if (resumeUrl != null) {
            d.put("resumeUrl", resumeUrl);
        }
        return "{\"op\":\"READY\",\"d\":" + JSON.writeValueAsString(d) + "}";
    }

    /** An event that is part of the session's sequence (replayed on RESUME). */
    public static String event(long seq, String type, String payloadJson) {
        return "{\"op\":\"EVENT\",\"s\":" + seq + ",\"t\":\"" + type + "\",\"d\":" + payloadJson + "}";
    }

    /** An ephemeral event (typing, presence): no {@code s}, never replayed, shed first under backpressure. */
    public static String ephemeralEvent(String type, String payloadJson) {
        return "{\"op\":\"EVENT\",\"t\":\"" + type + "\",\"d\":" + payloadJson + "}";
    }

    private ServerFrames() {}
}
