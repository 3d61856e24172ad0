package dev.connectnow.realtime.protocol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a client's text frame into a {@link ClientFrame}, or rejects it with a {@link ProtocolViolation}
 * (close 1008). Only the ops a client may send are accepted; unknown members are ignored so that clients can
 * send fields a later protocol version reads.
 */
public final class ClientFrameParser {

    /** A member named twice is refused: which of the two a reader takes is not something a client should guess. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A PRESENCE_SUBSCRIBE without ids, written compactly; each id adds a quoted UUID and, after the first, a comma. */
    private static final String EMPTY_PRESENCE_SUBSCRIBE = "{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":[]}}";

    private static final int QUOTED_UUID_BYTES = 38;

    private final int maxPresenceSubscriptions;

    /**
     * The bytes of the smallest PRESENCE_SUBSCRIBE naming this many users: the users one frame can name at all is
     * bounded by the frame limit, so a bound on users above what fits would be answered 1009, not 1008.
     */
    public static int presenceSubscribeBytes(int users) {
        return EMPTY_PRESENCE_SUBSCRIBE.length() + users * (QUOTED_UUID_BYTES + 1) - (users > 0 ? 1 : 0);
    }

    public ClientFrameParser(int maxPresenceSubscriptions) {
        this.maxPresenceSubscriptions = maxPresenceSubscriptions;
    }

    public ClientFrame parse(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JacksonException e) {
            throw ProtocolViolation.malformed("frame is not JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw ProtocolViolation.malformed("frame is not a JSON object");
        }
        JsonNode op = frame.get("op");
        if (op == null || !op.isString()) {
            throw ProtocolViolation.malformed("op is missing");
        }
        JsonNode d = frame.path("d");
        return switch (op.asString()) {
            case "IDENTIFY" -> new ClientFrame.Identify(token(d));
            case "HEARTBEAT" -> new ClientFrame.Heartbeat(optionalSeq(d.get("lastSeq")));
            case "RESUME" -> new ClientFrame.Resume(token(d), uuid(d, "sessionId"), requiredSeq(d.get("lastSeq")));
            case "TYPING" -> new ClientFrame.Typing(uuid(d, "channelId"));
            case "ACTIVITY" -> new ClientFrame.Activity();
            case "PRESENCE_SUBSCRIBE" -> new ClientFrame.PresenceSubscribe(userIds(d));
            default -> throw ProtocolViolation.malformed("unknown op");
        };
    }

    private static String token(JsonNode d) {
        JsonNode token = d.get("token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw ProtocolViolation.malformed("d.token is missing");
        }
        return token.asString();
    }

    private static UUID uuid(JsonNode d, String field) {
        JsonNode value = d.get(field);
        if (value == null || !value.isString()) {
            throw ProtocolViolation.malformed("d." + field + " is missing");
        }
        return parseUuid(value.asString(), "d." + field);
    }

    private static UUID parseUuid(String text, String field) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ProtocolViolation.malformed(field + " is not a UUID");
    }

    private static Long optionalSeq(JsonNode value) {
        return value == null || value.isNull() ? null : requiredSeq(value);
    }

    private static long requiredSeq(JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw ProtocolViolation.malformed("d.lastSeq must be a non-negative integer");
        }
        return value.asLong();
    }

    private List<UUID> userIds(JsonNode d) {
        JsonNode ids = d.get("userIds");
        if (ids == null || !ids.isArray()) {
            throw ProtocolViolation.malformed("d.userIds must be an array");
        }
        Set<UUID> unique = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isString()) {
                throw ProtocolViolation.malformed("d.userIds must hold UUIDs");
            }
            unique.add(parseUuid(id.asString(), "d.userIds"));
        }
        if (unique.size() > maxPresenceSubscriptions) {
            throw ProtocolViolation.malformed("d.userIds holds more than " + maxPresenceSubscriptions + " users");
        }
        return List.copyOf(new ArrayList<>(unique));
    }
}
